using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using System.Text;
using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Benchmarks.Subjects;

/// <summary>
/// What a serial library does once the tty's other side hangs up (an unplugged USB adapter, a
/// crashed emulator): the device writes a line, waits for an answer, then closes its end. The
/// subject then reads and writes once each, every call bounded: a call that has not returned after
/// <see cref="Bound"/> is reported as "hangs" rather than waited for. Prints "ready cpu_us=N", then
/// "done read=OUTCOME read_ms=N write=OUTCOME write_ms=N" (outcomes without spaces).
/// </summary>
public static class HangUpSubject
{
    public const string Termios = "termios";
    public const string SerialPortLibrary = "serialport";

    /// <summary>Longer than any timeout the subject sets (2 s): what does not return by then, hangs.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(6);

    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("ok\r");

    public static async Task<int> RunAsync(string library, string tty, TextWriter stdout)
    {
        (string read, string write) = library == Termios ? await TermiosAsync(tty, stdout).ConfigureAwait(false) : await SerialPortAsync(tty, stdout).ConfigureAwait(false);
        await stdout.WriteLineAsync($"done {read} {write}").ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>SerialPort with timeouts set, as a careful script would: 2 s for a read and for a write.</summary>
    private static async Task<(string, string)> SerialPortAsync(string tty, TextWriter stdout)
    {
        var port = new SerialPort(tty, 115200) { ReadTimeout = 30_000, WriteTimeout = 2000 };
        port.Open();
        Ready(stdout);
        byte[] buffer = new byte[256];
        while (port.ReadChar() != '\n')
        {
        }

        port.Write(Answer, 0, Answer.Length);
        port.ReadTimeout = 2000;
        string read = await Bounded("read", () => port.Read(buffer, 0, buffer.Length) is var n && n == 0 ? "returned-0" : "returned-data").ConfigureAwait(false);
        string write = await Bounded("write", () =>
        {
            port.Write(Answer, 0, Answer.Length);
            return "returned";
        }).ConfigureAwait(false);
        return (read, write); // the port is left to the process's end: Close could block as the calls did
    }

    /// <summary>Rig's own console driver: the reader reports the hang-up; a write after it fails at once.</summary>
    private static async Task<(string, string)> TermiosAsync(string tty, TextWriter stdout)
    {
        var console = new TtyConsole(new SerialSettings(tty, 115200, Exclusive: false));
        var watch = new HangUpWatch();
        console.Subscribe(watch);
        console.Start();
        await watch.Opened.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        Ready(stdout);
        await watch.Line.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await console.WriteAsync(Answer, CancellationToken.None).ConfigureAwait(false);
        string read = await Bounded("read", () =>
        {
            watch.HungUp.Task.Wait();
            return "reported-hang-up";
        }).ConfigureAwait(false);
        string write = await Bounded("write", () =>
        {
            console.WriteAsync(Answer, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return "returned";
        }).ConfigureAwait(false);
        await console.DisposeAsync().AsTask().WaitAsync(Bound).ConfigureAwait(false);
        return (read, write);
    }

    private static void Ready(TextWriter stdout)
    {
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready cpu_us={ProcessUsage.CpuMicroseconds()}"));
        stdout.Flush();
    }

    /// <summary>Runs a call on its own thread and classifies it: "NAME=OUTCOME NAME_ms=N", what it returned, what it threw, or that it hangs.</summary>
    private static async Task<string> Bounded(string name, Func<string> call)
    {
        var clock = Stopwatch.StartNew();
        Task<string> task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (await Task.WhenAny(task, Task.Delay(Bound)).ConfigureAwait(false) != task)
        {
            return $"{name}=hangs {name}_ms={Ms(clock)}";
        }

        string outcome = task.Exception?.InnerException is { } e ? $"threw-{e.GetType().Name}" : task.Result;
        return $"{name}={outcome} {name}_ms={Ms(clock)}";
    }

    private static string Ms(Stopwatch clock) => clock.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    private sealed class HangUpWatch : IConsoleListener
    {
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Line { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource HungUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnData(long monoNs, ReadOnlySpan<byte> data)
        {
            if (data.Contains((byte)'\n'))
            {
                Line.TrySetResult();
            }
        }

        public void OnStatus(long monoNs, ConsoleStatus status, string detail)
        {
            if (status == ConsoleStatus.Opened)
            {
                Opened.TrySetResult();
            }
            else if (status == ConsoleStatus.HungUp)
            {
                HungUp.TrySetResult();
            }
        }
    }
}
