using System.Globalization;
using System.Text;
using Rig.Benchmarks.Harness;
using Rig.Engine.Journal;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// The slots scenario's stream certified by <c>rig certify</c> itself, as a lab runs it: one
/// process for all slots (<c>--batch</c>), and one process per slot. Whole processes are
/// measured, start-up and the signed reports included: the peak resident memory of every rig
/// (GNU time), and of the supervisors they start (/proc; most of a supervisor's pages are the
/// runtime's files, which it shares with rig), each summed, and their CPU.
/// </summary>
internal static class CertifySlots
{
    public const string OneProcess = ResultTable.Rig;
    public const string ProcessPerSlot = "rig, a process per slot";

    /// <summary>Sixteen runtimes starting at once on a two-core Pi take their time.</summary>
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, PeerTools peers, string[] device, int slots, int seconds, CancellationToken ct)
    {
        string scenario = $"{slots} slots by rig certify, {seconds} s";
        string time = "/usr/bin/time";
        var results = new List<Measurement>();
        foreach ((string tool, bool batch) in new[] { (OneProcess, true), (ProcessPerSlot, false) })
        {
            var trials = new List<Usage>();
            string? failure = !File.Exists(time) ? "GNU time not installed (scripts/install-benchmark-deps.sh)"
                : settings.Quick && !batch ? $"not in --quick ({slots} runtimes to start)"
                : null;
            for (int run = 0; failure is null && run < settings.Runs; run++)
            {
                settings.Progress.WriteLine($"benchmark: {scenario}: {tool}, run {run + 1} of {settings.Runs}");
                string dir = Path.Combine(settings.WorkDir, "certify", $"{(batch ? "batch" : "per-slot")}-{run + 1}");
                (Usage? usage, failure) = await TrialAsync(settings, peers, device, slots, batch, dir, TimeSpan.FromSeconds(seconds * 3 + 60), ct).ConfigureAwait(false);
                if (usage is not null)
                {
                    trials.Add(usage);
                }
            }

            if (failure is not null)
            {
                results.Add(new Measurement(scenario, tool, "peak RSS MiB, rig", double.NaN, failure));
                continue;
            }

            results.Add(new Measurement(scenario, tool, "peak RSS MiB, rig", Median.Of(trials.Select(t => t.RigKiB / 1024.0))));
            results.Add(new Measurement(scenario, tool, "peak RSS MiB, supervisors", Median.Of(trials.Select(t => t.SupervisorKiB / 1024.0))));
            results.Add(new Measurement(scenario, tool, "CPU s, start to exit, rig and supervisors", Median.Of(trials.Select(t => t.CpuSeconds))));
            results.Add(new Measurement(scenario, tool, "bytes lost", trials.Max(t => t.BytesLost)));
        }

        return results;
    }

    /// <param name="CpuSeconds">Rig's and the supervisors'.</param>
    private sealed record Usage(long RigKiB, long SupervisorKiB, double CpuSeconds, long BytesLost);

    private static async Task<(Usage?, string?)> TrialAsync(BenchmarkSettings settings, PeerTools peers, string[] deviceArgs, int slots, bool batch, string dir, TimeSpan limit, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        using var device = new ChildProcess(peers.Device, deviceArgs, dir);
        var ttys = new List<string>();
        for (int i = 0; i < slots; i++)
        {
            ttys.Add((await device.WaitLineAsync("tty ", ReadyLimit, ct).ConfigureAwait(false))?[4..]
                ?? throw new InvalidOperationException($"the benchmark device did not create its ptys: {device.Errors}"));
        }

        var job = new ConsoleJob(dir, ttys, Reply: false);
        (string bench, string profile, string plan) = RigTool.WriteInputs(settings, job);
        string rig = Path.Combine(settings.RigHome, "rig");
        using (var keys = new ChildProcess(rig, ["keys", "new", "--private", Path.Combine(dir, "lab.key.pem"), "--public", Path.Combine(dir, "lab.pub.pem")], dir))
        {
            if (await keys.WaitExitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false) != 0)
            {
                return (null, $"rig keys new failed: {keys.Errors}");
            }
        }

        string[] common = ["certify", "--bench", bench, "--state-root", Path.Combine(dir, "state"), "--key", Path.Combine(dir, "lab.key.pem")];
        string Out(int i) => Path.Combine(dir, "run", $"s{i}");
        List<string[]> commands = batch
            ? [[.. common, "--batch", WriteBatch(dir, slots, profile, plan)]]
            : Enumerable.Range(0, slots).Select(i => (string[])[.. common, "--slot", $"s{i}", "--profile", profile, "--plan", plan, "--out", Out(i)]).ToList();
        var processes = commands.Select((args, i) => new ChildProcess("/usr/bin/time", ["-f", "%M %U %S", "-o", Path.Combine(dir, $"time-{i}.txt"), rig, .. args], dir)).ToList();
        try
        {
            // Ready once every slot's plan has entered its first state (its patterns armed), as the journal shows.
            using var ready = CancellationTokenSource.CreateLinkedTokenSource(ct);
            ready.CancelAfter(ReadyLimit);
            while (!Enumerable.Range(0, slots).All(i => Armed(Out(i))))
            {
                if (ready.IsCancellationRequested || processes.Any(p => p.HasExited))
                {
                    return (null, $"rig certify did not get ready: {processes.Select(p => p.Errors).FirstOrDefault(e => e.Length > 0) ?? "(no message)"}");
                }

                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            }

            // Rig's supervisors (its children under time) are measured while they live: they end before rig does.
            int[] supervisors = processes.SelectMany(p => ProcessTree.Children(p.Id)).SelectMany(ProcessTree.Children).ToArray();
            await device.SendLineAsync("go").ConfigureAwait(false);
            string? sent = await device.WaitLineAsync("sent", limit, ct).ConfigureAwait(false);
            long supervisorKiB = supervisors.Sum(ProcessTree.PeakKiB);
            double supervisorCpu = supervisors.Sum(ProcessTree.CpuSeconds);
            foreach (ChildProcess p in processes)
            {
                if (await p.WaitExitAsync(limit, ct).ConfigureAwait(false) is not (0 or 1))
                {
                    return (null, $"rig certify failed: {p.Errors.Split('\n')[^1]}");
                }
            }

            if (sent is null)
            {
                return (null, "the device side reported nothing");
            }

            double[][] rigs = processes.Select((_, i) => File.ReadAllText(Path.Combine(dir, $"time-{i}.txt")).Trim().Split('\n')[^1].Split(' ')
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            long logged = Enumerable.Range(0, slots).Sum(i => new FileInfo(Path.Combine(Out(i), "console.raw")).Length);
            return (new Usage((long)rigs.Sum(r => r[0]), supervisorKiB, supervisorCpu + rigs.Sum(r => r[1] + r[2]), new Report(sent).Long("bytes") - logged), null);
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
            device.CloseInput();
            await device.WaitExitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the run's journal shows its plan in a state (its patterns armed); no journal yet is not.</summary>
    private static bool Armed(string outDir)
    {
        try
        {
            return JournalReader.Read(Path.Combine(outDir, RunJournal.FileName)).Events.OfType<StateEvent>().Any();
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string WriteBatch(string dir, int slots, string profile, string plan)
    {
        var yaml = new StringBuilder($"plans: ['{plan}']\nunits:\n");
        for (int i = 0; i < slots; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ slot: s{i}, profile: '{profile}', serial: BENCH-{i:D4}, out: run/s{i} }}\n");
        }

        string file = Path.Combine(dir, "units.yaml");
        File.WriteAllText(file, yaml.ToString());
        return file;
    }
}
