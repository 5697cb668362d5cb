using Rig.Engine.Profiles;

namespace Rig.Engine.Schemes;

/// <summary>
/// What a run of a scheme climbed beside a ladder executes: every plan either needs, each once, and
/// the profile's declarations read from both (the scheme's word first where both decide a plan).
/// </summary>
public static class RunPlans
{
    /// <summary>
    /// The scheme's plans in its run order, with each plan only the ladder needs placed where the
    /// ladder's own order puts it (before the first scheme plan that follows it there), so that plans
    /// that may leave a device broken stay last in both.
    /// </summary>
    public static IReadOnlyList<string> Of(Scheme scheme, Scheme? ladder)
    {
        if (ladder is null)
        {
            return scheme.Plans;
        }

        var inScheme = new HashSet<string>(scheme.Plans, StringComparer.Ordinal);
        var order = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        int next = 0; // the ladder's plans before this index are placed
        foreach (string plan in scheme.Plans)
        {
            int at = IndexOf(ladder.Plans, plan);
            for (; at >= 0 && next < at; next++)
            {
                PlaceLadderOnly(ladder.Plans[next]);
            }

            if (placed.Add(plan))
            {
                order.Add(plan);
            }
        }

        foreach (string plan in ladder.Plans)
        {
            PlaceLadderOnly(plan);
        }

        return order;

        void PlaceLadderOnly(string plan)
        {
            if (!inScheme.Contains(plan) && placed.Add(plan))
            {
                order.Add(plan);
            }
        }
    }

    /// <summary>Plans that do not apply to this device, with the justification: the scheme's rules, then the ladder's for the plans only it runs.</summary>
    public static IReadOnlyDictionary<string, string> NotApplicable(Scheme scheme, Scheme? ladder, DeviceProfile profile) =>
        Merge(SchemeEvaluator.NotApplicablePlans(scheme, profile), ladder is null ? null : SchemeEvaluator.NotApplicablePlans(ladder, profile));

    /// <summary>Plans that fail without being run because the profile declares the absence of what they test: the scheme's rules, then the ladder's.</summary>
    public static IReadOnlyDictionary<string, string> DeclaredFailures(Scheme? scheme, Scheme? ladder, DeviceProfile profile) =>
        Merge(scheme is null ? new Dictionary<string, string>() : SchemeEvaluator.DeclaredFailurePlans(scheme, profile),
            ladder is null || ReferenceEquals(ladder, scheme) ? null : SchemeEvaluator.DeclaredFailurePlans(ladder, profile));

    private static int IndexOf(IReadOnlyList<string> plans, string plan)
    {
        for (int i = 0; i < plans.Count; i++)
        {
            if (plans[i] == plan)
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string>? then)
    {
        var result = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach ((string plan, string because) in then ?? new Dictionary<string, string>())
        {
            result.TryAdd(plan, because);
        }

        return result;
    }
}
