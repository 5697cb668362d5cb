using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;

namespace Rig.Tests.Engine;

/// <summary>
/// A slot whose device replays a recorded console transcript (testplans/transcripts/) through a
/// real pty, started and killed by the real sim power switch, run by the real certification path.
/// </summary>
internal sealed class ReplayBench : IDisposable
{
    private readonly TempDir _dir = new();

    public string Dir => _dir.Path;

    public string Out => _dir["out"];

    public static string Transcript(string name) => Path.Combine(TestPaths.TestPlans, "transcripts", name + ".jsonl");

    public static string Fragment(string name) => Path.Combine(TestPaths.TestPlans, "fragments", name + ".yaml");

    public Plan Plan(string yaml) => PlanLoader.Load(_dir.Write("plan.yaml", yaml), "plan.yaml");

    public async Task<IReadOnlyList<PlanOutcome>> RunAsync(string transcript, params Plan[] plans)
    {
        string bench = _dir.Write("bench.yaml", $$"""
            bench: replay
            slots:
              r1:
                power: { backend: sim, personality: replay, transcript: '{{Transcript(transcript)}}', state: r1/flash, boot_scale: 0.05 }
                console: { path: r1/console }
                cycle_off: 50ms
            """);
        BenchConfig config = BenchLoader.Load(bench, _dir["state"]);
        DeviceProfile profile = ProfileLoader.Load(TestPaths.Profile("vcam-vulnerable"), null, [TestPaths.Firmware]);
        var request = new CertificationRequest(config, config.Slot("r1"), profile, plans, Out, LabIdentity.Unnamed);
        return await SlotCertification.RunAsync(request, SilentProgress.Instance, CancellationToken.None);
    }

    public void Dispose() => _dir.Dispose();
}
