using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Schemes;

/// <summary>Reads a scheme file; every mistake comes back as file:line:col.</summary>
public static class SchemeLoader
{
    /// <param name="planExists">Whether a plan id can be found; an unknown plan is an error at its position.</param>
    public static Scheme Load(string path, Func<string, bool> planExists, string? displayName = null)
    {
        YamlFile file = YamlFile.Load(path, displayName);
        YamlMap root = file.Root;
        root.AllowOnly("scheme", "title", "version", "standard", "description", "decision_rule", "provisions", "not_applicable", "declared_failures", "run_order", "levels", "validity");
        LadderTerms? ladder = LadderLoader.Read(root, planExists);
        if (ladder is not null && root.Has("provisions"))
        {
            throw root.Error(root.KeyNode("provisions"), "a ladder scheme lists its provisions under its levels, not at the top");
        }

        var provisions = ladder is null
            ? Maps(root, "provisions").Select(p => ReadProvision(p, planExists)).ToList()
            : ladder.Levels.SelectMany(l => l.Provisions.Select(p => p with { Id = l.Qualified(p.Id) })).ToList();

        if (provisions.Count == 0)
        {
            throw root.Error("a scheme needs at least one provision");
        }

        var duplicate = provisions.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw root.Error(root.Get("provisions")!, $"provision '{duplicate.Key}' is listed twice");
        }

        List<NotApplicableRule> rules = ReadRules(root, "not_applicable", planExists);
        List<NotApplicableRule> failures = ReadRules(root, "declared_failures", planExists);

        IReadOnlyList<string> order = root.OptStringList("run_order");
        if (order.Count > 0)
        {
            CheckPlans(root, order, planExists, "run_order");
            var decided = provisions.SelectMany(p => p.Plans).ToHashSet(StringComparer.Ordinal);
            string? missing = decided.FirstOrDefault(p => !order.Contains(p));
            string? extra = order.FirstOrDefault(p => !decided.Contains(p));
            if (missing is not null || extra is not null || order.Distinct().Count() != order.Count)
            {
                throw root.Error(root.Get("run_order")!, missing is not null ? $"run_order leaves out '{missing}', which a provision needs"
                    : extra is not null ? $"run_order names '{extra}', which no provision needs" : "run_order names a plan twice");
            }
        }

        return new Scheme(
            root.RequireString("scheme"),
            root.RequireString("title"),
            root.RequireString("version"),
            root.RequireString("standard"),
            root.RequireString("decision_rule").Trim(),
            provisions,
            rules,
            file.DisplayName,
            file.Sha256,
            order,
            failures,
            ladder);
    }

    /// <summary>One provision: its id, title and the plans that decide it (at least one).</summary>
    internal static SchemeProvision ReadProvision(YamlMap p, Func<string, bool> planExists, string hint = "")
    {
        p.AllowOnly("id", "title", "plans");
        IReadOnlyList<string> plans = p.OptStringList("plans");
        if (plans.Count == 0)
        {
            throw p.Error("a provision needs the plans that decide it: plans: [ID, ...]" + hint);
        }

        CheckPlans(p, plans, planExists);
        return new SchemeProvision(p.RequireString("id"), p.RequireString("title"), plans);
    }

    /// <summary>Rules under <paramref name="key"/>: plans decided by a condition on the profile, each with its justification.</summary>
    private static List<NotApplicableRule> ReadRules(YamlMap root, string key, Func<string, bool> planExists)
    {
        var rules = new List<NotApplicableRule>();
        foreach (YamlMap r in Maps(root, key))
        {
            r.AllowOnly("plans", "when", "because");
            IReadOnlyList<string> plans = r.OptStringList("plans");
            CheckPlans(r, plans, planExists);
            string when = r.RequireString("when");
            if (!ProfileCondition.IsValid(when, out string why))
            {
                throw r.Error(r.Get("when")!, why);
            }

            rules.Add(new NotApplicableRule(plans, when, r.RequireString("because")));
        }

        return rules;
    }

    internal static IEnumerable<YamlMap> Maps(YamlMap root, string key)
    {
        foreach (YamlNode item in root.OptSequence(key) ?? [])
        {
            yield return item is YamlMappingNode m ? new YamlMap(root.File, m) : throw root.Error(item, $"each entry of '{key}' is a mapping");
        }
    }

    internal static void CheckPlans(YamlMap owner, IReadOnlyList<string> plans, Func<string, bool> planExists, string key = "plans")
    {
        foreach (string id in plans.Where(id => !planExists(id)))
        {
            throw owner.Error(owner.Get(key)!, $"no plan '{id}'");
        }
    }
}
