using Rig.Benchmarks.Harness;
using Rig.Benchmarks.Subjects;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// The tty's other side hangs up (an unplugged adapter, a crashed emulator): what a read and a
/// write do next, with Rig's termios console and with System.IO.Ports's SerialPort (2 s timeouts
/// set). Every call is bounded by the subject; one that does not return is reported as "hangs",
/// and the subject is killed rather than waited for.
/// </summary>
internal sealed class HangUpScenario : IBenchmarkScenario
{
    public const string Scenario = "hang-up of the tty's other side";

    public string Name => "hangup";

    public string Description => "the device's end of the tty closes: what a read and a write do next, Rig's console and SerialPort";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        PeerTools peers = await PeerTools.PrepareAsync(settings, ct).ConfigureAwait(false);
        var results = new List<Measurement>();
        foreach ((string tool, string library) in new[] { (ResultTable.Rig, HangUpSubject.Termios), (SerialPortTool.Label, HangUpSubject.SerialPortLibrary) })
        {
            settings.Progress.WriteLine($"benchmark: {Name}: {tool}");
            Report? done = await TrialAsync(settings, peers, library, Path.Combine(settings.WorkDir, Name, library), ct).ConfigureAwait(false);
            foreach (string call in new[] { "read", "write" })
            {
                string metric = $"{call} after hang-up, ms to return";
                results.Add(done?.Text(call) is { } outcome
                    ? new Measurement(Scenario, tool, metric, outcome == "hangs" ? double.NaN : done.Long(call + "_ms"), Describe(outcome, done.Long(call + "_ms")))
                    : new Measurement(Scenario, tool, metric, double.NaN, "the subject reported nothing"));
            }
        }

        return results;
    }

    private static string Describe(string outcome, long ms) => outcome switch
    {
        "hangs" => $"hangs (no return in {ms / 1000.0:0} s)",
        "reported-hang-up" => "the reader reports the hang-up",
        "returned-0" => "returns 0 bytes",
        "returned-data" => "returns data",
        "returned" => "returns",
        _ when outcome.StartsWith("threw-", StringComparison.Ordinal) => $"throws {outcome["threw-".Length..]}",
        _ => outcome,
    };

    private static async Task<Report?> TrialAsync(BenchmarkSettings settings, PeerTools peers, string library, string dir, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        TimeSpan limit = TimeSpan.FromSeconds(60);
        using var device = new ChildProcess(peers.Device, ["hangup"], dir);
        string tty = (await device.WaitLineAsync("tty ", limit, ct).ConfigureAwait(false))?[4..]
            ?? throw new InvalidOperationException($"the benchmark device did not create its pty: {device.Errors}");
        using var subject = new ChildProcess(Path.Combine(settings.RigHome, "rig"), ["benchmark", "hangup-subject", "--library", library, tty], dir);
        try
        {
            if (await subject.WaitLineAsync("ready", limit, ct).ConfigureAwait(false) is null)
            {
                return null;
            }

            await device.SendLineAsync("go").ConfigureAwait(false);
            string? done = await subject.WaitLineAsync("done", limit, ct).ConfigureAwait(false);
            return done is null ? null : new Report(done);
        }
        finally
        {
            subject.Kill(); // a call that hangs keeps it alive
            device.CloseInput();
            await device.WaitExitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
