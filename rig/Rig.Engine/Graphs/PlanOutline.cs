using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>
/// A plan as a readable text outline, the way a technician would check it: title, provisions,
/// inputs with their SHA-256, each state with its actions and transitions, fragments and death
/// patterns. Every plan string is made visible (no control characters reach the terminal).
/// </summary>
public static class PlanOutline
{
    /// <summary>The outline, one item a line, states in the order they are reached.</summary>
    public static string Write(Plan plan)
    {
        var w = new List<string>
        {
            $"{V(plan.Id)}: {V(plan.Title)}{(plan.Version is { } v ? $" (version {V(v)})" : string.Empty)}",
            $"file:        {V(plan.File)}",
            $"sha256:      {plan.Sha256}",
            $"provisions:  {(plan.Provisions.Count == 0 ? "(none)" : string.Join("; ", plan.Provisions.Select(V)))}",
            $"needs:       {(plan.Needs.Count == 0 ? "(nothing)" : string.Join(", ", plan.Needs.Select(V)))}",
            $"timeout:     {Duration.Format(plan.Timeout)}",
            $"initial:     {V(plan.Initial)}",
        };

        if (plan.Inputs.Count > 0)
        {
            w.Add(string.Empty);
            w.Add("inputs:");
            w.AddRange(plan.Inputs.Select(i => $"  {i.Sha256}  {V(i.Name)}{(i.Source is { } s ? $"  ({V(s)})" : string.Empty)}"));
        }

        if (plan.Fragments.Count > 0)
        {
            w.Add(string.Empty);
            w.Add("fragments:");
            w.AddRange(plan.Fragments.Select(f => $"  {V(f.State)}: {V(f.Fragment)} \"{V(f.Title)}\" from {V(f.File)}"));
        }

        PlanGraph order = PlanGraph.From(plan);
        foreach (GraphNode node in order.Nodes.Where(n => n.Kind == GraphNodeKind.State))
        {
            PlanState s = plan.States[node.State!];
            w.Add(string.Empty);
            w.Add(State(plan, s));
            if (!string.IsNullOrWhiteSpace(s.Description))
            {
                w.AddRange(LabelText.Wrap(s.Description, 90, int.MaxValue).Select(l => "    " + l));
            }

            w.AddRange(s.Enter.Select(a => $"    enter: {V(a.Action.Describe)}"));
            w.AddRange(s.Exit.Select(a => $"    exit:  {V(a.Action.Describe)}"));
            w.AddRange(s.On.Select(t => $"    on {PlanWords.Edge(t, int.MaxValue)} -> {Target(t)}"));
        }

        w.Add(string.Empty);
        w.Add("death patterns (watched in every state; reboot ones not where a boot is expected):");
        w.AddRange(plan.Death.Select(d =>
            $"  {(d.Kind == DeathKind.Crash ? "crash " : "reboot")}  -> {d.Verdict.Text()}  '{V(d.Source)}'{(d.Builtin ? string.Empty : "  (plan's own)")}"));
        return string.Join('\n', w) + "\n";
    }

    private static string State(Plan plan, PlanState s)
    {
        string head = $"state {V(s.Name)}";
        if (s.Group is { } g && plan.Fragments.FirstOrDefault(f => f.State == g) is { } f)
        {
            head += $"  [fragment {V(f.Fragment)}: {V(f.Title)}]";
        }

        if (s.Name == plan.Initial)
        {
            head += "  (initial)";
        }

        return s.ExpectsBoot ? head + "  (a boot is expected here)" : head;
    }

    private static string Target(Transition t) =>
        t.Goto is { } to ? V(to)
        : t.Verdict is { } v ? $"{v.Text()}: {V(t.Because!)}"
        : "(stays)";

    private static string V(string text) => LabelText.Visible(text);
}
