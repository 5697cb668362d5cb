using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;

namespace Rig.Tests.Support;

/// <summary>
/// A slot whose device replays a recorded console transcript (testplans/transcripts/) through a
/// real pty, started and killed by the real sim power switch, run by the real certification path.
/// </summary>
internal sealed class ReplayBench() : SimSlotBench("replay", "r1")
{
    public static string Transcript(string name) => Path.Combine(TestPaths.TestPlans, "transcripts", name + ".jsonl");

    public static string Fragment(string name) => Path.Combine(TestPaths.TestPlans, "fragments", name + ".yaml");

    public Plan Plan(string yaml) => PlanLoader.Load(Files.Write("plan.yaml", yaml), "plan.yaml");

    public Task<IReadOnlyList<PlanOutcome>> RunAsync(string transcript, params Plan[] plans) =>
        CertifyAsync($"personality: replay, transcript: '{Transcript(transcript)}', boot_scale: 0.05", "50ms", ProfileLoader.Load(TestPaths.Profile("vcam-vulnerable")), plans);
}
