using Rig.Engine.Config;

namespace Rig.Engine.Schemes;

/// <summary>Reads a ladder scheme's <c>levels</c> and <c>validity</c>; every mistake comes back as file:line:col.</summary>
internal static class LadderLoader
{
    /// <summary>The longest validity a level may set: ten years.</summary>
    public const int MaxMonths = 120;

    /// <summary>The ladder's terms, or null for a flat scheme (no <c>levels</c>).</summary>
    public static LadderTerms? Read(YamlMap root, Func<string, bool> planExists)
    {
        if (!root.Has("levels"))
        {
            return root.Has("validity") ? throw root.Error(root.KeyNode("validity"), "validity belongs to a ladder scheme: give it levels") : null;
        }

        var levels = SchemeLoader.Maps(root, "levels").Select(l => ReadLevel(l, planExists)).ToList();
        if (levels.Count == 0)
        {
            throw root.Error(root.Get("levels")!, "a ladder needs at least one level");
        }

        if (levels.GroupBy(l => l.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw root.Error(root.Get("levels")!, $"level '{twice.Key}' is listed twice");
        }

        YamlMap validity = root.OptMap("validity") ?? throw root.Error("a ladder scheme needs validity: { short_months: N, update_plans: [ID, ...] }");
        validity.AllowOnly("short_months", "update_plans");
        int shortMonths = validity.OptInt("short_months", 1, MaxMonths) ?? throw validity.Error("validity needs short_months: the validity without a working update mechanism");
        IReadOnlyList<string> updatePlans = validity.OptStringList("update_plans");
        if (updatePlans.Count == 0)
        {
            throw validity.Error("validity needs update_plans: the plans that show a working secure update mechanism");
        }

        SchemeLoader.CheckPlans(validity, updatePlans, planExists, "update_plans");
        if (levels.FirstOrDefault(l => l.MaxValidityMonths < shortMonths) is { } tooShort)
        {
            throw validity.Error(validity.Get("short_months")!, $"short_months ({shortMonths}) is longer than level '{tooShort.Id}' allows ({tooShort.MaxValidityMonths})");
        }

        return new LadderTerms(levels, shortMonths, updatePlans);
    }

    private static SchemeLevel ReadLevel(YamlMap l, Func<string, bool> planExists)
    {
        l.AllowOnly("id", "title", "standard", "decision_rule", "max_validity_months", "provisions", "desk_review");
        string id = l.RequireString("id");
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            throw l.Error(l.Get("id")!, $"a level id is letters, digits, '-' and '.', not '{id}'");
        }

        var provisions = SchemeLoader.Maps(l, "provisions")
            .Select(p => SchemeLoader.ReadProvision(p, planExists, "; a provision no plan decides goes under desk_review"))
            .ToList();
        if (provisions.Count == 0)
        {
            throw l.Error($"level '{id}' decides nothing by test: it needs provisions with plans (a level of desk review only cannot be met)");
        }

        var desk = new List<DeskReviewItem>();
        foreach (YamlMap d in SchemeLoader.Maps(l, "desk_review"))
        {
            d.AllowOnly("id", "title");
            desk.Add(new DeskReviewItem(d.RequireString("id"), d.RequireString("title")));
        }

        if (provisions.Select(p => p.Id).Concat(desk.Select(d => d.Id)).GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw l.Error($"level '{id}' lists provision '{twice.Key}' twice");
        }

        return new SchemeLevel(
            id,
            l.RequireString("title"),
            l.RequireString("standard"),
            l.RequireString("decision_rule").Trim(),
            l.OptInt("max_validity_months", 1, MaxMonths) ?? throw l.Error($"level '{id}' needs max_validity_months"),
            provisions,
            desk);
    }
}
