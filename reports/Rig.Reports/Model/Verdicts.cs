namespace Rig.Reports.Model;

/// <summary>The verdict words. Error means the rig failed, not the device.</summary>
public static class Verdicts
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Inconclusive = "inconclusive";
    public const string NotApplicable = "not-applicable";
    public const string Error = "error";

    /// <summary>All verdicts, in the order a summary lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Pass, Fail, Inconclusive, NotApplicable, Error];

    /// <summary>True for one of the five verdict words (exact, lowercase).</summary>
    public static bool IsKnown(string? verdict) => verdict is not null && All.Contains(verdict, StringComparer.Ordinal);
}
