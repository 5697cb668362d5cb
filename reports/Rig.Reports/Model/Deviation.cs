namespace Rig.Reports.Model;

/// <summary>A departure from the planned tests: a rig fault, a skipped plan or a not-applicable plan, with why.</summary>
/// <param name="Kind">One of <see cref="DeviationKinds"/>.</param>
public sealed record Deviation(string PlanId, string Kind, string Reason);

/// <summary>The kinds of deviation.</summary>
public static class DeviationKinds
{
    public const string RigFault = "rig fault";
    public const string Skipped = "skipped";
    public const string NotApplicable = "not applicable";
}
