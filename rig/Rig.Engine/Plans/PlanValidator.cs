using Rig.Engine.Config;

namespace Rig.Engine.Plans;

/// <summary>Whole-plan checks: states that do not exist, cannot be reached, or cannot be left; unhandled results.</summary>
internal static class PlanValidator
{
    public static void Check(Plan plan, Position initialPos)
    {
        if (!plan.States.ContainsKey(plan.Initial))
        {
            throw Error(initialPos, $"initial state '{plan.Initial}' is not defined (states: {string.Join(", ", plan.States.Keys)})");
        }

        foreach (PlanState state in plan.States.Values)
        {
            if (state.On.Count == 0)
            {
                throw Error(state.Pos, $"state '{state.Name}' has no way out: add a transition (e.g. an 'after' timeout with a verdict)");
            }

            foreach (Transition t in state.On)
            {
                if (t.Goto is not null && !plan.States.ContainsKey(t.Goto))
                {
                    throw Error(t.Pos, $"goto '{t.Goto}': no such state (states: {string.Join(", ", plan.States.Keys)})");
                }
            }

            CheckResults(state);
        }

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
        foreach (Transition t in state.On)
        {
            if (t.Trigger is ResultTrigger r)
            {
                if (r.Name != "done" && !possible.Contains(r.Name))
                {
                    string what = state.Enter.Count == 0 ? "the state has no entry action" : $"'{state.Enter[^1].Action.Kind}' ends with: {string.Join(", ", possible.Append("done"))}";
                    throw Error(t.Pos, $"result '{r.Name}' can never happen here: {what}");
                }

                handled.Add(r.Name);
            }
        }

        foreach (string result in possible.Where(p => !handled.Contains(p)))
        {
            throw Error(state.Pos, $"state '{state.Name}': result '{result}' of '{state.Enter[^1].Action.Kind}' is not handled");
        }
    }

    private static ConfigException Error(Position p, string message) => new(p.File, p.Line, p.Column, message);
}
