using Rig.Benchmarks.Harness;
using Rig.Engine.Journal;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// Rig capturing realistic boot text (<see cref="BootStream"/>) with every death pattern armed, as
/// in any certification run: among healthy kernel and systemd lines, a near-miss of each pattern.
/// No pattern may fire: the scenario fails if the journal holds a death or the plan did not pass.
/// </summary>
internal sealed class RealisticScenario : IBenchmarkScenario
{
    public string Name => "realistic";

    public string Description => "boot text with near-misses of every death pattern, death patterns armed: none may fire";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        PeerTools peers = await PeerTools.PrepareAsync(settings, ct).ConfigureAwait(false);
        int mib = settings.Quick ? 1 : 16;
        TestStream stream = BootStream.Create(Path.Combine(settings.WorkDir, "streams"), mib);
        var rig = new RigTool(settings);
        string scenario = $"realistic boot text, {mib} MiB, near-misses of every death pattern";
        var trials = new List<TrialResult>();
        for (int run = 0; run < settings.Runs; run++)
        {
            settings.Progress.WriteLine($"benchmark: {Name}: rig, run {run + 1} of {settings.Runs}");
            TrialResult r = await ConsoleTrial.RunAsync(peers, ["stream", stream.Path], 1, rig, Path.Combine(settings.WorkDir, Name, $"{run + 1}"), reply: false, TimeSpan.FromSeconds(120), ct).ConfigureAwait(false);
            if (!r.Finished)
            {
                throw new InvalidOperationException($"benchmark {Name}: rig did not finish: {r.Failure}");
            }

            string journal = Path.Combine(r.Job.Dir, "run", "s0", RunJournal.FileName);
            RunJournal events = JournalReader.Read(journal);
            DeathEvent[] deaths = events.Events.OfType<DeathEvent>().ToArray();
            if (deaths.Length > 0 || !events.Events.OfType<VerdictEvent>().Any(v => v.Verdict == "pass"))
            {
                throw new InvalidOperationException($"benchmark {Name}: a death pattern fired on healthy boot text (journal {journal}): {deaths.FirstOrDefault()?.ToString() ?? "no pass verdict"}");
            }

            trials.Add(r);
        }

        return
        [
            new Measurement(scenario, rig.Name, "CPU s", Median.Of(trials.Select(t => t.CpuSeconds))),
            new Measurement(scenario, rig.Name, "MiB/s", Median.Of(trials.Select(t => mib / t.WallSeconds))),
            new Measurement(scenario, rig.Name, "death patterns fired", 0, "plan passed"),
        ];
    }
}
