namespace Rig.Engine.Schemes;

/// <summary>
/// A ladder scheme's levels of rigor, lowest first, and the certificate's validity rules: a device
/// climbs the levels in order, and its certificate names the highest level it met.
/// </summary>
/// <param name="ShortValidityMonths">The validity of a certificate for a device without a working secure update mechanism.</param>
/// <param name="UpdatePlans">The plans that must all pass for the update mechanism to count as working.</param>
public sealed record LadderTerms(IReadOnlyList<SchemeLevel> Levels, int ShortValidityMonths, IReadOnlyList<string> UpdatePlans);

/// <summary>One level: the provisions it decides by test (and their plans), its decision rule, and what it leaves to a desk review.</summary>
/// <param name="MaxValidityMonths">The longest a certificate at this level is valid, from its issue date.</param>
/// <param name="DeskReview">Provisions no automatable plan decides: listed for the lab's reviewer, never counted as met.</param>
public sealed record SchemeLevel(
    string Id,
    string Title,
    string Standard,
    string DecisionRule,
    int MaxValidityMonths,
    IReadOnlyList<SchemeProvision> Provisions,
    IReadOnlyList<DeskReviewItem> DeskReview)
{
    /// <summary>Every plan the level's provisions rest on, in the order they are named.</summary>
    public IReadOnlyList<string> Plans => Provisions.SelectMany(p => p.Plans).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>How the flattened scheme names one of this level's provisions: "LEVEL id".</summary>
    public string Qualified(string provision) => $"{Id} {provision}";
}

/// <summary>A provision left to a desk review (documents, processes, what a rig cannot observe).</summary>
public sealed record DeskReviewItem(string Id, string Title);
