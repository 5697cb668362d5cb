namespace Rig.Reports.Rendering;

/// <summary>The ladder's statement as a template sees it: the sentence, one entry per level, and the certificate's validity or why there is none.</summary>
public sealed record LadderView(
    string Scheme,
    string Version,
    string Standard,
    string DecisionRule,
    string? Level,
    string Statement,
    IReadOnlyList<LevelView> Levels,
    string? ValidUntil,
    string? ValidityReason,
    string? SupportUntil,
    string? NoCertificate);

/// <summary>One level: its outcome (a verdict word and class), its provisions and its desk-review items.</summary>
public sealed record LevelView(string Id, string Title, string Standard, string DecisionRule, VerdictView Outcome, IReadOnlyList<ProvisionView> Provisions, IReadOnlyList<string> DeskReview);
