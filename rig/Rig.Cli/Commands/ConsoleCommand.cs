using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Cli.Supervision;
using Rig.Cli.Terminal;
using Rig.Engine.Bench;
using Rig.Protocols;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig console SLOT</c>: an interactive serial console like picocom. Keys go to the device,
/// device output to the terminal; Ctrl-] quits. Power is not touched.
/// </summary>
internal static class ConsoleCommand
{
    public const byte EscapeKey = 0x1D; // Ctrl-], as in telnet

    public static Command Create()
    {
        var command = new Command("console", "Open a slot's serial console interactively (Ctrl-] quits).");
        var slot = new Argument<string>("slot") { Description = "The slot name in the bench file" };
        var bench = new BenchOptions();
        command.Arguments.Add(slot);
        bench.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            BenchConfig benchConfig = bench.Load(parsed);
            SlotConfig config = BenchOptions.Slot(benchConfig, parsed.GetValue(slot)!);
            using SlotClaim claim = await bench.ClaimAsync(parsed, benchConfig, config, powers: false, ct).ConfigureAwait(false);
            var screen = new ScreenListener(Console.OpenStandardOutput());
            IConsole console = DriverFactory.CreateConsole(config.Console);
            await using (console.ConfigureAwait(false))
            {
                console.Subscribe(screen);
                console.Start();
                Console.Error.WriteLine($"rig: console of {config.Name} on {config.Console.Path}; Ctrl-] quits");
                using (RawTerminal.TryEnter())
                {
                    await PumpKeysAsync(console, screen, ct).ConfigureAwait(false);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task PumpKeysAsync(IConsole console, ScreenListener screen, CancellationToken ct)
    {
        byte[] buf = new byte[1024];
        while (!ct.IsCancellationRequested)
        {
            int n = await Task.Run(() => KeyboardReader.Read(buf, ct), ct).ConfigureAwait(false);
            if (n == 0)
            {
                // Input from a pipe ended: let the device answer, then close once it has been quiet for a second.
                await screen.WaitQuietAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                return;
            }

            int quit = Array.IndexOf(buf, EscapeKey, 0, n);
            int send = quit >= 0 ? quit : n;
            if (send > 0)
            {
                try
                {
                    await console.WriteAsync(buf.AsMemory(0, send), ct).ConfigureAwait(false);
                }
                catch (ConsoleUnavailableException e)
                {
                    Console.Error.WriteLine($"\r\nrig: {e.Message}; input dropped\r");
                }
            }

            if (quit >= 0)
            {
                return;
            }
        }
    }

    /// <summary>Writes device output to the terminal through the string-control filter, and status changes to stderr.</summary>
    private sealed class ScreenListener(Stream stdout) : IConsoleListener
    {
        private readonly StringControlFilter _filter = new();
        private byte[] _out = new byte[64 * 1024 + 1];
        private long _lastDataNs = Monotonic.NowNs;

        public void OnData(long monoNs, ReadOnlySpan<byte> data)
        {
            if (_out.Length < StringControlFilter.MaxOutput(data.Length))
            {
                _out = new byte[StringControlFilter.MaxOutput(data.Length)];
            }

            int n = _filter.Filter(data, _out);
            stdout.Write(_out, 0, n);
            stdout.Flush();
            Volatile.Write(ref _lastDataNs, monoNs);
        }

        public void OnStatus(long monoNs, ConsoleStatus status, string detail) =>
            Console.Error.WriteLine($"\r\nrig: console {status.ToString().ToLowerInvariant()}: {detail}\r");

        public async Task WaitQuietAsync(TimeSpan quiet, CancellationToken ct)
        {
            while (Monotonic.NowNs - Volatile.Read(ref _lastDataNs) < quiet.TotalNanoseconds)
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
        }
    }
}
