using System.Globalization;
using Rig.Engine.Plans;

namespace Rig.Engine.Schemes;

/// <summary>A certificate's term: issued on, valid until, and what set the end.</summary>
/// <param name="UpdatesWork">The update plans all passed and the profile declares an update mechanism.</param>
public sealed record CertificateTerms(DateOnly Issued, DateOnly ValidUntil, string Why, DateOnly? SupportUntil, bool UpdatesWork);

/// <summary>
/// How long a certificate is valid: from its issue date to the earliest of the end of the
/// security support period the profile declares (EN 303 645 5.3-13) and the maximum the scheme
/// sets for the level. A device without a working secure update mechanism gets the scheme's
/// short validity instead of the level's maximum; so does one whose profile declares no end of
/// support, since nothing says it will be fixed for longer.
/// </summary>
public static class CertificateValidity
{
    /// <summary>The terms, or null (with <paramref name="refused"/>) when the declared support ended before the issue date.</summary>
    public static CertificateTerms? Decide(LadderTerms ladder, SchemeLevel level, DateOnly issued, DateOnly? supportUntil, string? noUpdateMechanism,
        IReadOnlyDictionary<string, Verdict> verdicts, out string refused)
    {
        refused = "";
        if (supportUntil is { } ended && ended < issued)
        {
            refused = $"the security support period the profile declares ended on {Date(ended)}, before the issue date {Date(issued)}";
            return null;
        }

        var failedUpdates = ladder.UpdatePlans
            .Select(p => (Plan: p, Verdict: verdicts.TryGetValue(p, out Verdict v) ? v : Verdict.Error))
            .Where(x => x.Verdict != Verdict.Pass)
            .ToList();
        bool updatesWork = noUpdateMechanism is null && failedUpdates.Count == 0;
        string? shortBecause = noUpdateMechanism is not null ? "the profile declares no update mechanism"
            : failedUpdates.Count > 0 ? "no working secure update mechanism was shown: " + string.Join(", ", failedUpdates.Select(x => $"{x.Plan} {x.Verdict.Text()}"))
            : supportUntil is null ? "the profile declares no end of its security support period"
            : null;

        int months = shortBecause is null ? level.MaxValidityMonths : ladder.ShortValidityMonths;
        DateOnly byScheme = issued.AddMonths(months);
        string schemeWhy = shortBecause is null
            ? $"the scheme's maximum for level {level.Id} ({months} months)"
            : $"the scheme's short validity ({months} months): {shortBecause}";
        return supportUntil is { } end && end < byScheme
            ? new CertificateTerms(issued, end, $"the end of the declared security support period ({Date(end)}); {schemeWhy} would end later", supportUntil, updatesWork)
            : new CertificateTerms(issued, byScheme, schemeWhy, supportUntil, updatesWork);
    }

    /// <summary>ISO 8601 date, invariant: how every date of a certificate is written.</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
