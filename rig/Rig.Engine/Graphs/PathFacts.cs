using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>Which states, transitions and death patterns a run's path went through (the rules are on <see cref="PlanGraph"/>).</summary>
internal sealed partial class PathFacts
{
    private static readonly PathFacts None = new();

    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
    private readonly HashSet<(string From, string To)> _steps = [];
    private readonly HashSet<Transition> _final = new(ReferenceEqualityComparer.Instance);

    private PathFacts()
    {
    }

    /// <summary>The death pattern that ended the run.</summary>
    public DeathPattern? Death { get; private set; }

    /// <summary>The run ended without any transition or death pattern of the plan explaining it.</summary>
    public bool EndedOutside { get; private set; }

    public string? LastState { get; private set; }

    public bool HasPath => _visited.Count > 0;

    public static PathFacts Of(Plan plan, RunPath? run)
    {
        if (run is null)
        {
            return None;
        }

        var facts = new PathFacts();
        for (int i = 0; i < run.States.Count; i++)
        {
            facts._visited.Add(run.States[i]);
            if (i > 0)
            {
                facts._steps.Add((run.States[i - 1], run.States[i]));
            }
        }

        facts.LastState = run.States.Count > 0 ? run.States[^1] : null;
        if (run.Verdict is not { } verdict || facts.LastState is null)
        {
            return facts; // the rig died mid-plan, or the plan never started: nothing ended it
        }

        facts.Death = run.DeathPattern is { } source ? plan.Death.FirstOrDefault(d => d.Source == source) : null;
        if (facts.Death is null && !run.RigFault && plan.States.TryGetValue(facts.LastState, out PlanState? last))
        {
            foreach (Transition t in last.On.Where(t => t.Verdict == verdict && (run.Reason is null || Fits(t.Because!, run.Reason))))
            {
                facts._final.Add(t);
            }
        }

        facts.EndedOutside = facts.Death is null && facts._final.Count == 0;
        return facts;
    }

    public bool Visited(string state) => _visited.Contains(state);

    public bool Took(string from, Transition t) =>
        t.Goto is { } to ? _steps.Contains((from, to)) : t.Verdict is not null && _final.Contains(t);

    /// <summary>Whether a recorded reason could come from this "because": its {{variables}} stand for any text.</summary>
    private static bool Fits(string because, string reason)
    {
        var pattern = new StringBuilder("^");
        int at = 0;
        foreach (Match m in Placeholder().Matches(because))
        {
            pattern.Append(Regex.Escape(because[at..m.Index])).Append(".*");
            at = m.Index + m.Length;
        }

        pattern.Append(Regex.Escape(because[at..])).Append('$');
        // Non-backtracking: a long reason cannot make this slow, whatever the template.
        return Regex.IsMatch(reason, pattern.ToString(), RegexOptions.Singleline | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}")]
    private static partial Regex Placeholder();
}
