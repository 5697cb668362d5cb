namespace Rig.Reports.Model;

/// <summary>
/// Everything a certification report states, filled in by the rig from the journal.
/// Plain immutable data: the renderer turns it into a document and knows nothing else.
/// </summary>
/// <param name="ReportId">The lab's identifier for this report; shown in the header and footer.</param>
/// <param name="Title">What was certified, e.g. the scheme and level.</param>
/// <param name="IssuedAtUtc">When the report was issued; shown in UTC.</param>
/// <param name="RigVersion">The rig software version that ran the plans.</param>
/// <param name="Overall">The overall verdict (see <see cref="Verdicts"/>).</param>
/// <param name="Plans">One result per plan, in the order they ran.</param>
/// <param name="Conformity">The scheme's statement of conformity, when the run followed a scheme.</param>
/// <param name="Customer">Who the tests were done for, when the lab named them.</param>
/// <param name="ReceivedDate">When the lab received the item, as the lab recorded it.</param>
/// <param name="Deviations">Rig faults, skipped and not-applicable plans, with their reasons.</param>
/// <param name="Timeline">The slot's power, console and plans over the test.</param>
/// <param name="Ladder">The ladder scheme's statement (highest level met, validity), when the run was climbed against one.</param>
public sealed record ReportModel(
    string ReportId,
    string Title,
    DateTimeOffset IssuedAtUtc,
    string RigVersion,
    Lab Lab,
    DeviceUnderTest Device,
    BenchSetup Bench,
    DateTimeOffset TestStartedUtc,
    DateTimeOffset TestFinishedUtc,
    string Overall,
    IReadOnlyList<PlanResult> Plans,
    SignerIdentity Signer,
    ConformityStatement? Conformity = null,
    string? Customer = null,
    string? ReceivedDate = null,
    IReadOnlyList<Deviation>? Deviations = null,
    Timeline? Timeline = null,
    LadderStatement? Ladder = null);
