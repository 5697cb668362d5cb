namespace Rig.Engine.Schemes;

/// <summary>A certification profile: which plans decide which provisions of a standard, and the decision rule.</summary>
/// <param name="Standard">E.g. "ETSI EN 303 645 V2.1.1 (2020-06)"; the report names it with the scheme's version.</param>
/// <param name="Ladder">The levels of a ladder scheme (its provisions are then every level's, named "LEVEL id"); null for a flat scheme.</param>
public sealed record Scheme(
    string Id,
    string Title,
    string Version,
    string Standard,
    string DecisionRule,
    IReadOnlyList<SchemeProvision> Provisions,
    IReadOnlyList<NotApplicableRule> NotApplicable,
    string File,
    string Sha256,
    IReadOnlyList<string>? RunOrder = null,
    IReadOnlyList<NotApplicableRule>? DeclaredFailures = null,
    LadderTerms? Ladder = null)
{
    /// <summary>
    /// Every plan the scheme runs: in its run order when it gives one (plans that can leave a
    /// device broken, like a power cut during an update, go last), else as the provisions name them.
    /// </summary>
    public IReadOnlyList<string> Plans => RunOrder is { Count: > 0 } order
        ? order
        : Provisions.SelectMany(p => p.Plans).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>One provision and the plans whose verdicts decide it.</summary>
public sealed record SchemeProvision(string Id, string Title, IReadOnlyList<string> Plans);

/// <summary>
/// Plans decided by what the device profile declares (or lacks), with the justification shown in
/// the report: under <c>not_applicable</c> they do not apply; under <c>declared_failures</c> they
/// fail without being run, because the profile declares the absence of what the provision requires
/// (e.g. no update mechanism on a device that must have one).
/// </summary>
/// <param name="When">A condition on the profile, e.g. "no update" or "no service ftp".</param>
public sealed record NotApplicableRule(IReadOnlyList<string> Plans, string When, string Because);
