namespace Rig.Reports.Rendering;

// What a report template sees: strings and lists only, already made safe to show (device text
// cleaned, dates in UTC, verdicts as words). Templates read members case-insensitively,
// e.g. {{reportId}}, {{#each plans}}{{verdict.text}}{{/each}}.

/// <summary>The whole report as a template sees it.</summary>
public sealed record ReportView(
    string ReportId,
    string Title,
    string IssuedAt,
    string RigVersion,
    LabView Lab,
    DeviceView Device,
    BenchView Bench,
    string TestStarted,
    string TestFinished,
    VerdictView Overall,
    IReadOnlyList<VerdictCount> Tally,
    IReadOnlyList<PlanView> Plans,
    SignerView Signer,
    ConformityView? Conformity,
    string? Customer = null,
    string Location = "",
    string? Received = null,
    IReadOnlyList<DeviationView>? Deviations = null,
    bool HasTimeline = false,
    LadderView? Ladder = null)
{
    /// <summary>The timeline's SVG, written only by the {{slotTimeline}} helper (templates cannot print it raw).</summary>
    internal string? TimelineMarkup { get; init; }
}

/// <summary>A deviation from the planned tests: which plan, what kind, and why.</summary>
public sealed record DeviationView(string PlanId, string Kind, string Reason);

/// <summary>The statement of conformity: one row per provision, outcomes as words with a fixed CSS class.</summary>
public sealed record ConformityView(string Scheme, string Version, string Standard, string DecisionRule, IReadOnlyList<ProvisionView> Provisions, VerdictView Overall);

/// <summary>One provision's row.</summary>
public sealed record ProvisionView(string Id, string Title, string DecidedBy, VerdictView Outcome);

/// <summary>The lab; <paramref name="AccreditationId"/> may be null.</summary>
public sealed record LabView(string Name, string Address, string? AccreditationId);

/// <summary>The device under test; firmware version and serial may be null.</summary>
public sealed record DeviceView(
    string Manufacturer,
    string Model,
    string ProfileName,
    string ProfileSha256,
    string Address,
    string? FirmwareVersion,
    string? Serial,
    string? HardwareRevision,
    string? Mac,
    string? FirmwareImage,
    string? FirmwareImageSha256);

/// <summary>The bench, slot, power switch and console.</summary>
public sealed record BenchView(string Name, string BenchFileSha256, string Slot, string Power, string Console, string ConsoleSettings);

/// <summary>A verdict as upper-case text (e.g. "NOT APPLICABLE") and a CSS class from a fixed set.</summary>
public sealed record VerdictView(string Text, string Class);

/// <summary>How many plans reached a verdict.</summary>
public sealed record VerdictCount(VerdictView Verdict, string Count);

/// <summary>One plan's result.</summary>
/// <param name="ProvisionsText">The provisions joined with "; ", for the summary table.</param>
/// <param name="StatePath">The states the run took, joined with arrows.</param>
public sealed record PlanView(
    string Id,
    string Title,
    string File,
    string Sha256,
    IReadOnlyList<string> Provisions,
    string ProvisionsText,
    VerdictView Verdict,
    string Reason,
    string StatePath,
    IReadOnlyList<InputView> Inputs,
    IReadOnlyList<EvidenceView> Evidence,
    bool HasDiagram = false,
    string? DiagramNote = null)
{
    /// <summary>The diagram's SVG, written only by the {{planDiagram}} helper (templates cannot print it raw).</summary>
    internal string? DiagramMarkup { get; init; }
}

/// <summary>An input file and its SHA-256.</summary>
public sealed record InputView(string Name, string Sha256);

/// <summary>An evidence block: rows for a &lt;pre&gt;, and a cut marker when the block was too long.</summary>
public sealed record EvidenceView(string Title, string Kind, IReadOnlyList<EvidenceRow> Rows, string? Cut);

/// <summary>
/// One display line of evidence. <paramref name="Time"/> ("+12.345 s") and
/// <paramref name="Direction"/> ("rx", "tx") are padded to fixed widths and blank on
/// continuation lines, so a &lt;pre&gt; shows them as columns.
/// </summary>
public sealed record EvidenceRow(string Time, string Direction, string Text);

/// <summary>The signer and the fingerprint of their key.</summary>
public sealed record SignerView(string Name, string KeyFingerprint);
