using System.Globalization;
using System.Net;

namespace Rig.Benchmarks.Sweep;

/// <summary>
/// The credential sweep: Rig, hydra and medusa each sweep Mirai's 62 pairs, in list order and
/// with the same parallelism, against a freshly powered virtual camera that accepts one pair late
/// in the list and pauses after each failed login as busybox does. Each tool's time stands beside
/// its answer, checked against the pair the device really accepts.
/// </summary>
/// <param name="address">The device's loopback address: its own, clear of the built-in bench's 127.0.0.2-4.</param>
public sealed class SweepScenario(string address = "127.0.0.20") : IBenchmarkScenario
{
    /// <summary>
    /// Sessions at once, for every tool: hydra's and medusa's usual task counts for one host, well
    /// within the 8 sessions the virtual camera's telnetd serves (-t 16, hydra's default, would pass it).
    /// </summary>
    public const int Parallel = 4;

    /// <summary>A peer that takes longer has hung: the sweep itself needs about a minute.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static readonly IReadOnlyList<SweepPeer> Peers = SweepPeers.All;

    public string Name => "sweep";

    public string Description => $"Mirai's telnet pairs against the virtual camera, Rig vs hydra and medusa at {Parallel} sessions each";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        SweepCase sweep = SweepCase.Load(Path.Combine(settings.RigHome, "testplans", "wordlists", "mirai.txt"), settings.Quick);
        string root = Path.Combine(settings.WorkDir, "sweep");
        settings.Progress.WriteLine($"sweep: the device accepts {sweep.TruthText} only, pair {sweep.TruthPlace} of {sweep.Pairs.Count}; {sweep.FailPause.TotalSeconds:0.##} s pause after a failed login");
        var answers = new Dictionary<string, List<SweepAnswer>> { ["rig"] = [] };
        var installed = Peers.Where(p => PeerProcess.Find(p.Tool) is not null).ToList();
        foreach (SweepPeer peer in installed)
        {
            answers[peer.Tool] = [];
        }

        for (int run = 1; run <= settings.Runs; run++)
        {
            // Interleaved, so a slow moment of the machine does not fall on one tool only.
            answers["rig"].Add(await OnFreshDeviceAsync(settings, $"{root}/run{run}/rig", sweep, "rig", run,
                d => RigSweep.RunAsync(d.Telnet, sweep, Parallel, Limit, ct), ct).ConfigureAwait(false));
            foreach (SweepPeer peer in installed)
            {
                string folder = $"{root}/run{run}/{peer.Tool}";
                answers[peer.Tool].Add(await OnFreshDeviceAsync(settings, folder, sweep, peer.Tool, run,
                    d => RunPeerAsync(peer, folder, d, sweep, ct), ct).ConfigureAwait(false));
            }
        }

        string title = sweep.Title(Parallel);
        var measurements = answers.Select(kv => Summarise(title, kv.Key, kv.Value, sweep)).ToList();
        measurements.AddRange(Peers.Except(installed).Select(p =>
            new Measurement(title, p.Tool, "wall s", double.NaN, "not installed (scripts/install-benchmark-deps.sh)")));
        return measurements;
    }

    private async Task<SweepAnswer> OnFreshDeviceAsync(
        BenchmarkSettings settings, string folder, SweepCase sweep, string tool, int run, Func<SweepDevice, Task<SweepAnswer>> sweepIt, CancellationToken ct)
    {
        SweepAnswer answer;
        DeviceLogTally tally;
        SweepDevice device = await SweepDevice.StartAsync(Path.Combine(folder, "device"), address, sweep, ct).ConfigureAwait(false);
        await using (device.ConfigureAwait(false))
        {
            answer = await sweepIt(device).ConfigureAwait(false);
            tally = DeviceLogTally.Read(device.StateDir);
        }

        // What the device judged and how many logins it saw at once, beside what the tool says.
        answer = answer with { Detail = Join(answer.Detail, $"device judged {tally.Judged}, at most {tally.PeakLogins} at once") };
        string time = answer.Finished ? $"{answer.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "-";
        settings.Progress.WriteLine($"sweep: run {run}/{settings.Runs}: {tool}: {time}, {answer.Describe(sweep.Truth)}");
        return answer;
    }

    private static async Task<SweepAnswer> RunPeerAsync(SweepPeer peer, string folder, SweepDevice device, SweepCase sweep, CancellationToken ct)
    {
        IReadOnlyList<string> arguments = peer.Arguments(folder, sweep, device.Telnet, Parallel);
        (string? output, double seconds) = await PeerProcess.RunAsync(PeerProcess.Find(peer.Tool)!, arguments, folder, Limit, ct).ConfigureAwait(false);
        if (output is null)
        {
            return SweepAnswer.DidNotFinish($"did not finish in {Limit.TotalSeconds:0} s");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, peer.Tool + ".out"), output, ct).ConfigureAwait(false);
        return new SweepAnswer(peer.Claims(output), seconds);
    }

    /// <summary>
    /// The median time (NaN if a run did not finish); each distinct answer, with how often it came
    /// when the runs disagree; the median run's details.
    /// </summary>
    private static Measurement Summarise(string title, string tool, List<SweepAnswer> runs, SweepCase sweep)
    {
        var verdicts = runs.GroupBy(a => a.Verdict(sweep.Truth))
            .Select(g => g.Count() < runs.Count ? $"{g.Key} ×{g.Count()}" : g.Key);
        if (runs.Any(a => !a.Finished))
        {
            return new Measurement(title, tool, "wall s", double.NaN, Join(string.Join("; ", verdicts), sweep.QuickNote));
        }

        var byTime = runs.OrderBy(a => a.Seconds).ToList();
        SweepAnswer middle = byTime[(byTime.Count - 1) / 2];
        double median = byTime.Count % 2 == 1 ? middle.Seconds : (middle.Seconds + byTime[byTime.Count / 2].Seconds) / 2;
        string note = $"{string.Join("; ", verdicts)} ({middle.Detail})";
        return new Measurement(title, tool, "wall s", median, Join(note, sweep.QuickNote));
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";
}
