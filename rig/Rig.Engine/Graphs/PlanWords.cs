using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>Transitions, actions and verdicts in the words a plan is written in, for drawings and outlines.</summary>
public static class PlanWords
{
    /// <summary>Longest console pattern shown on an edge; the outline shows patterns whole.</summary>
    public const int MaxPattern = 80;

    /// <summary>Longest "because" shown on a verdict terminal.</summary>
    public const int MaxBecause = 60;

    /// <summary>The event: <c>console '(?i)login:'</c>, <c>after 15s</c>, <c>result found</c>, <c>event power-on</c>.</summary>
    public static string Trigger(Trigger trigger, int maxPattern = MaxPattern) => trigger switch
    {
        ConsoleTrigger c => $"console '{LabelText.Line(c.Source, maxPattern)}'",
        AfterTrigger { Delay: { } d } => $"after {Duration.Format(d)}",
        AfterTrigger a => $"after {LabelText.Visible(a.Template ?? "?")}",
        ResultTrigger r => $"result {LabelText.Visible(r.Name)}",
        EventTrigger e => $"event {e.Name}",
        CurrentTrigger c => $"current {c.Condition}",
        _ => trigger.GetType().Name,
    };

    /// <summary>What labels an edge: the event, then [when ...], (max N) and do: ... when the transition has them.</summary>
    public static string Edge(Transition t, int maxPattern = MaxPattern)
    {
        var parts = new List<string> { Trigger(t.Trigger, maxPattern) };
        if (t.When is { } when)
        {
            parts.Add($"[when {LabelText.Visible(when.Source)}]");
        }

        if (t.Limit is { } limit)
        {
            parts.Add($"(max {limit})");
        }

        if (t.Do.Count > 0)
        {
            parts.Add("do: " + Actions(t.Do));
        }

        return string.Join(' ', parts);
    }

    /// <summary>Actions joined by "; " as their one-line descriptions.</summary>
    public static string Actions(IEnumerable<ActionStep> steps) =>
        string.Join("; ", steps.Select(s => LabelText.Visible(s.Action.Describe)));

    /// <summary>A verdict terminal: <c>FAIL: telnet on {{address}} accepted…</c>.</summary>
    public static string Outcome(Verdict verdict, string because, int maxBecause = MaxBecause) =>
        $"{verdict.Text().ToUpperInvariant()}: {LabelText.Line(because, maxBecause)}";
}
