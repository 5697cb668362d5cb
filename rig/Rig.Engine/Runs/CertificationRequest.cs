using Rig.Engine.Bench;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;

namespace Rig.Engine.Runs;

/// <summary>Everything one slot's certification needs: where, what device, which plans, where results go.</summary>
/// <param name="Scheme">The certification scheme the plans come from, if any: the run then ends with a verdict per provision.</param>
/// <param name="Record">The lab's record of the unit: its label password and planted canaries (never reported).</param>
/// <param name="Ladder">A ladder scheme climbed with the same verdicts besides <paramref name="Scheme"/> (plans run once): its level decides the certificate.</param>
/// <param name="NotApplicable">Plans not run because the profile's declarations make them not applicable, with the justification.</param>
public sealed record CertificationRequest(
    BenchConfig Bench,
    SlotConfig Slot,
    DeviceProfile Profile,
    IReadOnlyList<Plan> Plans,
    string OutDir,
    LabIdentity Lab,
    Schemes.Scheme? Scheme = null,
    IReadOnlyDictionary<string, string>? NotApplicable = null,
    UnitIdentity? Unit = null,
    UnitRecord? Record = null,
    Schemes.Scheme? Ladder = null)
{
    /// <summary>The ladder scheme climbed with the run's verdicts: the one given beside the scheme, else the scheme itself when it has levels.</summary>
    public Schemes.Scheme? LadderScheme => Ladder ?? (Scheme?.Ladder is not null ? Scheme : null);

    /// <summary>Plans that fail without being run because the profile declares the absence of what they test (the scheme's and the ladder's <c>declared_failures</c>).</summary>
    public IReadOnlyDictionary<string, string> DeclaredFailures => Schemes.RunPlans.DeclaredFailures(Scheme, LadderScheme, Profile);

    /// <summary>The firmware images the running plans may install: attested beside the report, by path. None when no update plan runs.</summary>
    public IReadOnlyList<string> FirmwareImages => ProfileFiles.Needed(this);
}

/// <summary>Which unit of the model was tested: what tells it apart from its siblings (ISO/IEC 17025 7.8.2.1 g).</summary>
public sealed record UnitIdentity(string? Serial, string? Mac);
