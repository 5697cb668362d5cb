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

    /// <summary>The profile the runs use: the vulnerable camera's unless a test gives another.</summary>
    public string ProfileFile { get; init; } = TestPaths.Profile("vcam-vulnerable");

    /// <summary>Runs <paramref name="plans"/> on a replay of <paramref name="transcript"/> (a shipped transcript's name, or a file's full path).</summary>
    public Task<IReadOnlyList<PlanOutcome>> RunAsync(string transcript, params Plan[] plans) =>
        CertifyAsync($"personality: replay, transcript: '{(Path.IsPathRooted(transcript) ? transcript : Transcript(transcript))}', boot_scale: 0.05", "50ms", ProfileLoader.Load(ProfileFile, null, [TestPaths.Firmware]), plans);
}
