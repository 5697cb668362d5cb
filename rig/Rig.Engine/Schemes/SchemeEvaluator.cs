using Rig.Engine.Plans;
using Rig.Engine.Profiles;

namespace Rig.Engine.Schemes;

/// <summary>A provision's outcome: met, not met, inconclusive, or not applicable; and the plan verdicts behind it.</summary>
public sealed record ProvisionResult(string Id, string Title, string Outcome, IReadOnlyList<(string Plan, Verdict Verdict)> Plans);

/// <summary>The scheme applied to a run: each provision, and the statement of conformity.</summary>
public sealed record SchemeResult(Scheme Scheme, IReadOnlyList<ProvisionResult> Provisions, string Overall);

/// <summary>Applies a scheme's decision rule to a slot's plan verdicts.</summary>
public static class SchemeEvaluator
{
    public const string Met = "met";
    public const string NotMet = "not met";
    public const string Inconclusive = "inconclusive";
    public const string NotApplicable = "not applicable";

    public const string Conforms = "conforms";
    public const string DoesNotConform = "does not conform";
    public const string ConformityInconclusive = "inconclusive";

    /// <summary>Plans that do not apply to this device, each with the justification the scheme gives.</summary>
    public static IReadOnlyDictionary<string, string> NotApplicablePlans(Scheme scheme, DeviceProfile profile) =>
        PlansDecided(scheme.NotApplicable, profile);

    /// <summary>Plans that fail without being run because the profile declares the absence of what they test, with the scheme's reason.</summary>
    public static IReadOnlyDictionary<string, string> DeclaredFailurePlans(Scheme scheme, DeviceProfile profile) =>
        PlansDecided(scheme.DeclaredFailures ?? [], profile);

    private static Dictionary<string, string> PlansDecided(IEnumerable<NotApplicableRule> rules, DeviceProfile profile)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (NotApplicableRule rule in rules.Where(r => ProfileCondition.Holds(r.When, profile)))
        {
            string because = ProfileCondition.Statement(rule.When, profile) is { } said ? $"{rule.Because} (the profile: {said})" : rule.Because;
            foreach (string plan in rule.Plans)
            {
                result.TryAdd(plan, because);
            }
        }

        return result;
    }

    /// <summary>
    /// A provision is not met when a deciding plan failed; inconclusive when one was inconclusive or
    /// errored (and none failed); not applicable when none applied; met otherwise. The device
    /// conforms only when every provision is met or not applicable.
    /// </summary>
    public static SchemeResult Evaluate(Scheme scheme, IReadOnlyDictionary<string, Verdict> verdicts)
    {
        var provisions = new List<ProvisionResult>();
        foreach (SchemeProvision p in scheme.Provisions)
        {
            var plans = p.Plans.Select(id => (id, verdicts.TryGetValue(id, out Verdict v) ? v : Verdict.Error)).ToList();
            string outcome = plans.Any(x => x.Item2 == Verdict.Fail) ? NotMet
                : plans.Any(x => x.Item2 is Verdict.Inconclusive or Verdict.Error) ? Inconclusive
                : plans.All(x => x.Item2 == Verdict.NotApplicable) ? NotApplicable
                : Met;
            provisions.Add(new ProvisionResult(p.Id, p.Title, outcome, plans));
        }

        string overall = provisions.Any(p => p.Outcome == NotMet) ? DoesNotConform
            : provisions.Any(p => p.Outcome == Inconclusive) ? ConformityInconclusive
            : Conforms;
        return new SchemeResult(scheme, provisions, overall);
    }
}
