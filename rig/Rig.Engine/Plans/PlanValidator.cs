using System.Text.RegularExpressions;
using Rig.Engine.Config;

namespace Rig.Engine.Plans;

/// <summary>
/// Whole-plan checks: states that do not exist, cannot be reached or cannot be left; results
/// nobody handles; variables nothing sets.
/// </summary>
internal static partial class PlanValidator
{
    /// <summary>Variables every plan has: the slot's and the profile's. port.SERVICE exists per declared service.</summary>
    public static readonly string[] BaseVariables = ["slot", "profile", "model", "manufacturer", "address", "boot_time", "death"];

    /// <summary>Set by a <c>current:</c> event: the last reading, in mA.</summary>
    public const string CurrentVariable = "current_ma";

    public static void Check(Plan plan, Position initialPos)
    {
        if (!plan.States.ContainsKey(plan.Initial))
        {
            throw Error(initialPos, $"initial state '{plan.Initial}' is not defined (states: {string.Join(", ", plan.States.Keys)})");
        }

        foreach (PlanState state in plan.States.Values)
        {
            if (state.On.All(t => t.Internal))
            {
                throw Error(state.Pos, $"state '{state.Name}' has no way out: add a transition (e.g. an 'after' timeout with a verdict)");
            }

            foreach (Transition t in state.On)
            {
                if (t.Goto is not null && !plan.States.ContainsKey(t.Goto))
                {
                    throw Error(t.Pos, $"goto '{t.Goto}': no such state (states: {string.Join(", ", plan.States.Keys.Where(k => !k.Contains('/')))})");
                }

                if (t.Trigger is CurrentTrigger && !plan.Needs.Contains(CurrentCondition.Need))
                {
                    // Said up front, so a bench without a meter ends the plan inconclusive before it starts.
                    throw Error(t.Pos, $"a current event reads the slot's power meter: add '{CurrentCondition.Need}' to the plan's needs");
                }
            }

            CheckResults(state);
        }

        CheckReachable(plan);
        CheckVariables(plan);
    }

    private static void CheckReachable(Plan plan)
    {
        var reached = new HashSet<string> { plan.Initial };
        var todo = new Stack<string>([plan.Initial]);
        while (todo.TryPop(out string? name))
        {
            foreach (Transition t in plan.States[name].On)
            {
                if (t.Goto is not null && reached.Add(t.Goto))
                {
                    todo.Push(t.Goto);
                }
            }
        }

        foreach (PlanState state in plan.States.Values.Where(s => !reached.Contains(s.Name)))
        {
            throw Error(state.Pos, $"state '{state.Name}' cannot be reached from '{plan.Initial}'");
        }
    }

    /// <summary>Every result the last entry action can produce must lead somewhere; a result trigger must be producible.</summary>
    private static void CheckResults(PlanState state)
    {
        IReadOnlyList<string> possible = state.Enter.Count == 0 ? [] : state.Enter[^1].Action.Results;
        var handled = new HashSet<string>();
        var guarded = new HashSet<string>();
        foreach (Transition t in state.On)
        {
            if (t.Trigger is ResultTrigger r)
            {
                if (r.Name != "done" && !possible.Contains(r.Name))
                {
                    string what = state.Enter.Count == 0 ? "the state has no entry action" : $"'{state.Enter[^1].Action.Kind}' ends with: {string.Join(", ", possible.Append("done"))}";
                    throw Error(t.Pos, $"result '{r.Name}' can never happen here: {what}");
                }

                (t.When is null ? handled : guarded).Add(r.Name);
            }
        }

        foreach (string result in possible.Where(p => !handled.Contains(p)))
        {
            string why = guarded.Contains(result) ? " (only by guarded transitions, which may all be false)" : string.Empty;
            throw Error(state.Pos, $"state '{state.Name}': result '{result}' of '{state.Enter[^1].Action.Kind}' is not handled{why}");
        }
    }

    /// <summary>A {{name}} or a guard's variable must be set by the profile, a console capture or an action of the plan.</summary>
    private static void CheckVariables(Plan plan)
    {
        var known = new HashSet<string>(BaseVariables, StringComparer.Ordinal);
        IEnumerable<Transition> all = plan.States.Values.SelectMany(s => s.On);
        if (all.Any(t => t.Trigger is CurrentTrigger))
        {
            known.Add(CurrentVariable);
        }

        foreach (ConsoleTrigger c in all.Select(t => t.Trigger).OfType<ConsoleTrigger>())
        {
            known.UnionWith(c.Pattern.GetGroupNames().Where(n => !int.TryParse(n, out _)));
        }

        foreach (ActionStep step in Steps(plan))
        {
            known.UnionWith(step.Action.Sets);
        }

        bool Known(string v) => known.Contains(v) || v.StartsWith("port.", StringComparison.Ordinal);

        foreach (PlanState state in plan.States.Values)
        {
            foreach (Transition t in state.On)
            {
                IEnumerable<string> used = Placeholders(t.Because).Concat(t.When?.Variables ?? []);
                if (t.Trigger is AfterTrigger { Template: { } after })
                {
                    used = used.Concat(Placeholders(after));
                }

                if (used.FirstOrDefault(v => !Known(v)) is { } unknown)
                {
                    throw Error(t.Pos, $"variable '{unknown}' is never set (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}, port.SERVICE)");
                }
            }
        }

        foreach (ActionStep step in Steps(plan))
        {
            if (step.Action.Templates.SelectMany(Placeholders).FirstOrDefault(v => !Known(v)) is { } unknown)
            {
                throw Error(step.Pos, $"variable '{unknown}' is never set (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}, port.SERVICE)");
            }
        }
    }

    private static IEnumerable<ActionStep> Steps(Plan plan) =>
        plan.States.Values.SelectMany(s => s.Enter.Concat(s.Exit).Concat(s.On.SelectMany(t => t.Do)));

    private static IEnumerable<string> Placeholders(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    private static ConfigException Error(Position p, string message) => new(p.File, p.Line, p.Column, message);

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
