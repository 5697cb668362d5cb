namespace Rig.Reports.Model;

/// <summary>
/// A ladder scheme's statement of conformity: the highest level met and why the next one was
/// not, every level with its provisions and what it leaves to a desk review, and the
/// certificate's validity (or why there is no certificate).
/// </summary>
/// <param name="Level">The highest level met; null when none was.</param>
/// <param name="NoCertificate">Why no certificate was issued; null when one was.</param>
public sealed record LadderStatement(
    string Scheme,
    string Version,
    string Standard,
    string DecisionRule,
    string? Level,
    string Statement,
    IReadOnlyList<LevelOutcome> Levels,
    string? ValidUntil,
    string? ValidityReason,
    string? SupportUntil,
    string? NoCertificate);

/// <summary>One level: met, not met, inconclusive or not reached; its provisions decided by test, and the items left to a desk review ("ID title").</summary>
public sealed record LevelOutcome(string Id, string Title, string Standard, string DecisionRule, string Outcome, IReadOnlyList<ProvisionOutcome> Provisions, IReadOnlyList<string> DeskReview);
