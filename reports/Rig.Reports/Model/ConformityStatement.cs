namespace Rig.Reports.Model;

/// <summary>
/// The scheme applied to the results (ISO/IEC 17025 7.8.6): which standard and version, the
/// decision rule, an outcome per provision, and the overall statement.
/// </summary>
/// <param name="Overall">"conforms", "does not conform" or "inconclusive".</param>
public sealed record ConformityStatement(
    string Scheme,
    string Version,
    string Standard,
    string DecisionRule,
    IReadOnlyList<ProvisionOutcome> Provisions,
    string Overall);

/// <summary>One provision: "met", "not met", "inconclusive" or "not applicable", and the plan verdicts that decided it.</summary>
public sealed record ProvisionOutcome(string Id, string Title, string Outcome, string DecidedBy);
