using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>
/// A plan as a graph, ready for any writer (Mermaid, DOT, the report's SVG): nodes, edges,
/// fragment clusters and the death patterns armed in every state, in a stable order (states
/// as reached from the initial state, transitions in plan order), optionally with the path a
/// run took.
/// </summary>
/// <remarks>
/// How a run's path is marked (<see cref="RunPath"/>): a state is visited when it is in the
/// path; an edge between two states is taken when the second follows the first somewhere in
/// the path (every such edge: the path does not say which event fired); the edge to a verdict
/// is taken when it leaves the path's last state with the run's verdict and its "because"
/// fits the run's reason. A run ended by a death pattern takes the death edge of that pattern's
/// kind; a run ended otherwise (a rig fault, the plan's timeout) gets its own terminal with an
/// <see cref="GraphEdgeKind.Ended"/> edge. Internal transitions are never marked.
/// </remarks>
/// <param name="Nodes">The start, the states, the verdict terminals, then "any state" and the death terminals.</param>
/// <param name="Edges">The start edge, each state's transitions in plan order, the death edges, then the run's <see cref="GraphEdgeKind.Ended"/> edge if it has one.</param>
/// <param name="Clusters">One per included fragment; states name theirs in <see cref="GraphNode.Cluster"/>.</param>
/// <param name="Death">The death patterns: "any state" leads to their terminals.</param>
/// <param name="Run">The run whose path is marked, if any.</param>
public sealed record PlanGraph(
    string PlanId,
    string Title,
    IReadOnlyList<GraphNode> Nodes,
    IReadOnlyList<GraphEdge> Edges,
    IReadOnlyList<GraphCluster> Clusters,
    IReadOnlyList<GraphDeath> Death,
    RunPath? Run)
{
    /// <summary>The id of the "any state" node the death edges leave from.</summary>
    public const string AnyStateId = "any";

    /// <summary>The id of the start node.</summary>
    public const string StartId = "start";

    /// <summary>Builds the graph of <paramref name="plan"/>, marking <paramref name="run"/>'s path if given.</summary>
    public static PlanGraph From(Plan plan, RunPath? run = null) => PlanGraphBuilder.Build(plan, run);

    /// <summary>The node with this id.</summary>
    public GraphNode Node(string id) => Nodes.First(n => n.Id == id);

    /// <summary>The lines of the note that lists the death patterns beside "any state".</summary>
    public IEnumerable<string> DeathNote()
    {
        yield return "Death patterns, watched in every state (reboot: not where a boot is expected)";
        foreach (GraphDeath d in Death)
        {
            string kind = d.Kind == DeathKind.Crash ? "crash" : "reboot";
            string own = d.Builtin ? string.Empty : " (plan's own)";
            string fired = d.Fired ? " (ended this run)" : string.Empty;
            yield return $"{kind} -> {d.Verdict.Text()}: '{d.Pattern}'{own}{fired}";
        }
    }

    /// <summary>The node of a plan state (e.g. "boot/cycle"), or null.</summary>
    public GraphNode? StateNode(string state) => Nodes.FirstOrDefault(n => n.Kind == GraphNodeKind.State && n.State == state);
}

/// <summary>What a node stands for.</summary>
public enum GraphNodeKind
{
    /// <summary>Where the plan starts (drawn as a dot).</summary>
    Start,

    /// <summary>A plan state.</summary>
    State,

    /// <summary>A terminal: one per distinct verdict and reason.</summary>
    Verdict,

    /// <summary>Stands for every state, where death patterns are armed.</summary>
    AnyState,
}

/// <summary>What an edge stands for.</summary>
public enum GraphEdgeKind
{
    /// <summary>From the start to the initial state.</summary>
    Start,

    /// <summary>A transition to a state or a verdict.</summary>
    Transition,

    /// <summary>A transition that stays in its state (no goto, no verdict): a self-loop.</summary>
    Internal,

    /// <summary>From "any state" to a death terminal: a crash or an unasked reboot.</summary>
    Death,

    /// <summary>How a run ended outside the plan's transitions (a rig fault, the plan's timeout).</summary>
    Ended,
}

/// <summary>A node. Ids are stable and safe in any format: letters, digits and '_'.</summary>
/// <param name="Title">The heading: the state's name, or the verdict and its reason.</param>
/// <param name="Lines">Further lines: the description, entry and exit actions.</param>
/// <param name="Cluster">The id of the fragment cluster the state belongs to, if any.</param>
/// <param name="State">The plan state's name, for state nodes.</param>
/// <param name="Verdict">The outcome, for verdict terminals.</param>
/// <param name="Visited">The run's path went through here.</param>
public sealed record GraphNode(
    string Id,
    GraphNodeKind Kind,
    string Title,
    IReadOnlyList<string> Lines,
    string? Cluster = null,
    string? State = null,
    Verdict? Verdict = null,
    bool Visited = false);

/// <summary>An edge, labelled in plan words (<see cref="PlanWords.Edge"/>).</summary>
/// <param name="Taken">The run's path took it.</param>
public sealed record GraphEdge(string From, string To, GraphEdgeKind Kind, string Label, bool Taken = false);

/// <summary>The states a fragment brought into the plan, drawn as a box titled with the fragment's title.</summary>
/// <param name="State">The plan state that includes the fragment (its states are named STATE/...).</param>
public sealed record GraphCluster(string Id, string State, string Fragment, string Title);

/// <summary>A death pattern as drawn: armed in every state (reboot ones not where a boot is expected).</summary>
/// <param name="Pattern">The pattern, made visible and cut to fit a line.</param>
/// <param name="Terminal">The id of the verdict terminal it leads to.</param>
/// <param name="Fired">The run ended by this pattern.</param>
public sealed record GraphDeath(DeathKind Kind, string Pattern, Verdict Verdict, bool Builtin, string Terminal, bool Fired = false);
