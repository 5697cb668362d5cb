using System.Text;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>Turns a plan (and a run's path) into a <see cref="PlanGraph"/>.</summary>
internal sealed class PlanGraphBuilder
{
    private const int DescriptionWidth = 48;
    private const int DescriptionLines = 3;

    private readonly Plan _plan;
    private readonly RunPath? _run;
    private readonly PathFacts _path;
    private readonly Dictionary<string, string> _stateIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _clusterIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(Verdict, string, bool), string> _terminalIds = [];
    private readonly List<GraphNode> _terminals = [];
    private readonly List<GraphNode> _deathTerminals = [];
    private readonly List<GraphEdge> _edges = [];

    private PlanGraphBuilder(Plan plan, RunPath? run)
    {
        _plan = plan;
        _run = run;
        _path = PathFacts.Of(plan, run);
    }

    public static PlanGraph Build(Plan plan, RunPath? run) => new PlanGraphBuilder(plan, run).Build();

    private PlanGraph Build()
    {
        var clusters = _plan.Fragments
            .Select((f, i) => new GraphCluster(SafeId("c", i, f.State), f.State, f.Fragment, f.Title))
            .ToList();
        foreach (GraphCluster c in clusters)
        {
            _clusterIds[c.State] = c.Id;
        }

        List<PlanState> states = Order();
        for (int i = 0; i < states.Count; i++)
        {
            _stateIds[states[i].Name] = SafeId("s", i, states[i].Name);
        }

        _edges.Add(new GraphEdge(PlanGraph.StartId, _stateIds[_plan.Initial], GraphEdgeKind.Start, string.Empty, _path.HasPath));
        foreach (PlanState s in states)
        {
            AddTransitions(s);
        }

        List<GraphDeath> death = AddDeath();
        if (_path.EndedOutside && _run is { Verdict: { } verdict } && _stateIds.TryGetValue(_path.LastState!, out string? lastId))
        {
            string terminal = Terminal(verdict, _run.Reason ?? "the run ended here");
            _edges.Add(new GraphEdge(lastId, terminal, GraphEdgeKind.Ended, _run.RigFault ? "rig fault" : "ended outside the plan", Taken: true));
        }

        var nodes = new List<GraphNode> { new(PlanGraph.StartId, GraphNodeKind.Start, "start", [], Visited: _path.HasPath) };
        nodes.AddRange(states.Select(StateNode));
        nodes.AddRange(_terminals.Select(Mark));
        if (death.Count > 0)
        {
            bool died = _edges.Any(e => e.Kind == GraphEdgeKind.Death && e.Taken);
            nodes.Add(new GraphNode(PlanGraph.AnyStateId, GraphNodeKind.AnyState, "any state", [], Visited: died));
            nodes.AddRange(_deathTerminals.Select(Mark));
        }

        return new PlanGraph(_plan.Id, _plan.Title, nodes, _edges, clusters, death, _run);
    }

    /// <summary>States as reached from the initial state, transitions in plan order; any unreachable ones last, by name.</summary>
    private List<PlanState> Order()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { _plan.Initial };
        var queue = new Queue<string>([_plan.Initial]);
        var order = new List<PlanState>();
        while (queue.TryDequeue(out string? name))
        {
            PlanState s = _plan.States[name];
            order.Add(s);
            foreach (string to in s.On.Select(t => t.Goto).OfType<string>())
            {
                if (_plan.States.ContainsKey(to) && seen.Add(to))
                {
                    queue.Enqueue(to);
                }
            }
        }

        order.AddRange(_plan.States.Values.Where(s => !seen.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal));
        return order;
    }

    private GraphNode StateNode(PlanState s)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(s.Description))
        {
            lines.AddRange(LabelText.Wrap(s.Description, DescriptionWidth, DescriptionLines));
        }

        lines.AddRange(s.Enter.Select(a => "enter: " + LabelText.Visible(a.Action.Describe)));
        lines.AddRange(s.Exit.Select(a => "exit: " + LabelText.Visible(a.Action.Describe)));
        if (s.ExpectsBoot && _plan.Death.Any(d => d.Kind == DeathKind.Reboot))
        {
            lines.Add("a boot is expected: reboot patterns off");
        }

        return new GraphNode(
            _stateIds[s.Name],
            GraphNodeKind.State,
            LabelText.Visible(s.Name),
            lines,
            s.Group is { } g ? _clusterIds.GetValueOrDefault(g) : null,
            s.Name,
            Visited: _path.Visited(s.Name));
    }

    private void AddTransitions(PlanState s)
    {
        string from = _stateIds[s.Name];
        foreach (Transition t in s.On)
        {
            string label = PlanWords.Edge(t);
            bool taken = _path.Took(s.Name, t);
            if (t.Goto is { } to)
            {
                _edges.Add(new GraphEdge(from, _stateIds[to], GraphEdgeKind.Transition, label, taken));
            }
            else if (t.Verdict is { } verdict)
            {
                _edges.Add(new GraphEdge(from, Terminal(verdict, t.Because!), GraphEdgeKind.Transition, label, taken));
            }
            else
            {
                _edges.Add(new GraphEdge(from, from, GraphEdgeKind.Internal, label));
            }
        }
    }

    /// <summary>One terminal per kind and verdict; "any state" leads to each, dashed.</summary>
    private List<GraphDeath> AddDeath()
    {
        var death = new List<GraphDeath>();
        foreach (var group in _plan.Death.GroupBy(d => (d.Kind, d.Verdict)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Verdict))
        {
            (DeathKind kind, Verdict verdict) = group.Key;
            string what = kind == DeathKind.Crash ? "the device crashed (death pattern)" : "the device rebooted unasked (death pattern)";
            string terminal = Terminal(verdict, what, death: true);
            bool fired = group.Any(d => ReferenceEquals(d, _path.Death));
            string label = kind == DeathKind.Crash
                ? $"crash: {Count(group.Count())}, armed in every state"
                : $"reboot: {Count(group.Count())}, armed where no boot is expected";
            _edges.Add(new GraphEdge(PlanGraph.AnyStateId, terminal, GraphEdgeKind.Death, label, fired));
            death.AddRange(group.Select(d => new GraphDeath(kind, LabelText.Line(d.Source, PlanWords.MaxPattern), d.Verdict, d.Builtin, terminal, ReferenceEquals(d, _path.Death))));
        }

        return death;
    }

    private static string Count(int n) => n == 1 ? "1 pattern" : $"{n} patterns";

    private string Terminal(Verdict verdict, string because, bool death = false)
    {
        if (_terminalIds.TryGetValue((verdict, because, death), out string? id))
        {
            return id;
        }

        List<GraphNode> list = death ? _deathTerminals : _terminals;
        id = SafeId(death ? "d" : "v", list.Count, verdict.Text());
        _terminalIds[(verdict, because, death)] = id;
        list.Add(new GraphNode(id, GraphNodeKind.Verdict, PlanWords.Outcome(verdict, because), [], Verdict: verdict));
        return id;
    }

    private GraphNode Mark(GraphNode terminal) =>
        terminal with { Visited = _edges.Any(e => e.To == terminal.Id && e.Taken) };

    /// <summary>An id any format accepts: a prefix, a number that makes it unique, and the name's letters and digits.</summary>
    private static string SafeId(string prefix, int index, string name)
    {
        var id = new StringBuilder(prefix).Append(index).Append('_');
        foreach (char c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return id.ToString();
    }
}
