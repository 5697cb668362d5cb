using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;

namespace Rig.Tests.Updates;

/// <summary>
/// One virtual camera of a personality on a fast bench (boot scale 0.05, an unused telnet port),
/// started and killed by the real sim power switch, run through the real certification path.
/// </summary>
internal sealed class CameraBench : IDisposable
{
    private readonly TempDir _dir = new();

    public string Dir => _dir.Path;

    public string Flash => Path.Combine(_dir.Path, "state", "cam", "flash");

    public async Task<IReadOnlyList<PlanOutcome>> RunAsync(string personality, params string[] planIds)
    {
        string address = personality switch { "vcam-vulnerable" => "127.0.0.2", "vcam-hardened" => "127.0.0.3", _ => "127.0.0.4" };
        string bench = _dir.Write("bench.yaml", $$"""
            bench: updates
            slots:
              cam:
                power: { backend: sim, personality: {{personality}}, address: {{address}}, telnet_port: 32325, state: cam/flash, boot_scale: 0.05, login_fail_delay: 200ms }
                console: { path: cam/console }
                cycle_off: 100ms
            """);
        BenchConfig config = BenchLoader.Load(bench, _dir["state"]);
        DeviceProfile profile = ProfileLoader.Load(TestPaths.Profile(personality), null, [TestPaths.Firmware]);
        Plan[] plans = planIds.Select(id => PlanLoader.Load(TestPaths.Plan(id))).ToArray();
        var request = new CertificationRequest(config, config.Slot("cam"), profile, plans, _dir["out"], LabIdentity.Unnamed);
        return await SlotCertification.RunAsync(request, SilentProgress.Instance, CancellationToken.None);
    }

    public void Dispose() => _dir.Dispose();
}
