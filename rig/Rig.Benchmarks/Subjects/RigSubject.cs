using System.Globalization;
using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;

namespace Rig.Benchmarks.Subjects;

/// <summary>
/// Rig as a benchmark subject: a real certification run of one plan on every slot of a bench,
/// all slots at once in this process, through the same loaders, consoles, journal and engine
/// as <c>rig certify</c>. Speaks the subjects' protocol on stdout: "ready cpu_us=N" once every
/// slot waits for its patterns, "done cpu_us=N hwm_kb=N verdicts=..." at the end.
/// </summary>
public static class RigSubject
{
    /// <param name="drivers">The drivers the bench is read with, as the rig composes them.</param>
    public static async Task<int> RunAsync(BenchDrivers drivers, string benchFile, string profileFile, string planFile, string outDir, TextWriter stdout, CancellationToken ct)
    {
        BenchConfig bench = BenchLoader.Load(benchFile, Path.GetDirectoryName(Path.GetFullPath(benchFile))!, drivers);
        DeviceProfile profile = ProfileLoader.Load(profileFile);
        Plan plan = PlanLoader.Load(planFile);
        var ready = new ReadySignal(bench.Slots.Count, plan.Initial, stdout);
        Task<IReadOnlyList<PlanOutcome>>[] runs = bench.Slots.Values
            .Select(slot => SlotCertification.RunAsync(
                new CertificationRequest(bench, slot, profile, [plan], Path.Combine(outDir, slot.Name), LabIdentity.Unnamed), ready, ct))
            .ToArray();
        IReadOnlyList<PlanOutcome>[] outcomes = await Task.WhenAll(runs).ConfigureAwait(false);
        string verdicts = string.Join(",", outcomes.Select(o => o[0].Verdict.Text()));
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"done cpu_us={ProcessUsage.CpuMicroseconds()} hwm_kb={ProcessUsage.PeakResidentKiB()} verdicts={verdicts}")).ConfigureAwait(false);
        await stdout.FlushAsync(ct).ConfigureAwait(false);
        return outcomes.All(o => o[0].Verdict == Verdict.Pass) ? 0 : 1;
    }

    /// <summary>Says "ready" once every slot has entered the plan's first state, where its patterns are armed.</summary>
    private sealed class ReadySignal(int slots, string waitState, TextWriter stdout) : IRunProgress
    {
        private int _waiting;

        public void StateEntered(string slot, Plan plan, string state)
        {
            if (state == waitState && Interlocked.Increment(ref _waiting) == slots)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready cpu_us={ProcessUsage.CpuMicroseconds()}"));
                stdout.Flush();
            }
        }

        public void PlanStarted(string slot, Plan plan) { }

        public void PlanFinished(string slot, PlanOutcome outcome) { }

        public void Note(string slot, string text) { }
    }
}
