using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Tests.Serial;

/// <summary>A started console and its recorder; disposal is bounded so a hung console fails its test instead of stalling the run.</summary>
internal sealed class ConsoleUnderTest : IAsyncDisposable
{
    private ConsoleUnderTest(TtyConsole console, RecordingListener listener)
    {
        Console = console;
        Listener = listener;
    }

    public TtyConsole Console { get; }

    public RecordingListener Listener { get; }

    /// <summary>Starts a console with a recorder, after <paramref name="before"/> if given.</summary>
    public static ConsoleUnderTest Start(SerialSettings settings, bool keepBytes = true, IConsoleListener? before = null)
    {
        var console = new TtyConsole(settings);
        var listener = new RecordingListener(keepBytes);
        if (before is not null)
        {
            console.Subscribe(before);
        }

        console.Subscribe(listener);
        console.Start();
        return new ConsoleUnderTest(console, listener);
    }

    public void Deconstruct(out TtyConsole console, out RecordingListener listener)
    {
        console = Console;
        listener = Listener;
    }

    public ValueTask DisposeAsync() => new(Within(Console.DisposeAsync().AsTask(), 10, "DisposeAsync"));

    /// <summary>Awaits <paramref name="task"/>, failing the test if it has not finished after <paramref name="seconds"/>.</summary>
    public static async Task Within(Task task, double seconds, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds))).ConfigureAwait(false) != task)
        {
            Assert.Fail($"{what} did not finish within {seconds} s");
        }

        await task.ConfigureAwait(false);
    }
}
