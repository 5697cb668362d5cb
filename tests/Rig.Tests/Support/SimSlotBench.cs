using Rig.Cli.Composition;
using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;

namespace Rig.Tests.Support;

/// <summary>
/// A bench of one virtual-device slot in a temp folder, started and killed by the real sim power
/// switch and run through the real certification path: the base of the benches that certify.
/// </summary>
internal abstract class SimSlotBench(string benchName, string slot) : IDisposable
{
    private readonly TempDir _dir = new();

    public string Dir => _dir.Path;

    public string Out => _dir["out"];

    /// <summary>The slot device's flash (its state folder).</summary>
    public string Flash => Path.Combine(_dir["state"], slot, "flash");

    protected TempDir Files => _dir;

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes the bench (the slot's <c>power:</c> flow mapping without its braces) and certifies <paramref name="plans"/> on it.</summary>
    protected Task<IReadOnlyList<PlanOutcome>> CertifyAsync(string power, string cycleOff, DeviceProfile profile, IReadOnlyList<Plan> plans)
    {
        string bench = _dir.Write("bench.yaml", $$"""
            bench: {{benchName}}
            slots:
              {{slot}}:
                power: { backend: sim, {{power}}, state: {{slot}}/flash }
                console: { path: {{slot}}/console }
                cycle_off: {{cycleOff}}
            """);
        BenchConfig config = BenchLoader.Load(bench, _dir["state"], DriverFactory.Bench);
        SlotConfig device = config.Slot(slot);
        var request = new CertificationRequest(config, device, profile, plans, Out, LabIdentity.Unnamed, Record: VirtualUnitRecord.Make(device)); // the lab copies the unit's label
        return SlotCertification.RunAsync(request, SilentProgress.Instance, CancellationToken.None);
    }
}
