using Rig.Engine.Bench;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;

namespace Rig.Engine.Runs;

/// <summary>Everything one slot's certification needs: where, what device, which plans, where results go.</summary>
public sealed record CertificationRequest(
    BenchConfig Bench,
    SlotConfig Slot,
    DeviceProfile Profile,
    IReadOnlyList<Plan> Plans,
    string OutDir,
    LabIdentity Lab);
