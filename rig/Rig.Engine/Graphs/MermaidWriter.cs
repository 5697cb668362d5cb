using System.Text;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>
/// Writes a <see cref="PlanGraph"/> as a Mermaid <c>stateDiagram-v2</c>: states with aliases
/// (plan names contain '/'), a composite state per fragment, verdict terminals, "any state" with
/// a note listing the death patterns, and classes for the run's path. Mermaid cannot style one
/// edge of a state diagram, so a taken edge's label starts with a check mark.
/// </summary>
public static class MermaidWriter
{
    /// <summary>Starts the label of an edge the run took.</summary>
    public const string TakenMark = "\u2714 ";

    private const string Indent = "    ";

    /// <summary>The diagram's text, ending with a newline.</summary>
    public static string Write(PlanGraph graph)
    {
        var w = new StringBuilder();
        w.Append("stateDiagram-v2\n");
        w.Append(Indent).Append("%% ").Append(MermaidText.Escape($"{graph.PlanId}: {graph.Title}")).Append('\n');
        w.Append(Indent).Append("direction LR\n");

        // A fragment's cluster is drawn where its first state comes in the node order.
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (GraphNode n in graph.Nodes.Where(n => n.Kind != GraphNodeKind.Start))
        {
            if (n.Cluster is null)
            {
                State(w, n, Indent);
            }
            else if (drawn.Add(n.Cluster))
            {
                Cluster(w, graph, graph.Clusters.First(c => c.Id == n.Cluster));
            }
        }

        foreach (GraphEdge e in graph.Edges)
        {
            string from = e.Kind == GraphEdgeKind.Start ? "[*]" : e.From;
            w.Append(Indent).Append(from).Append(" --> ").Append(e.To);
            string label = (e.Taken && e.Label.Length > 0 ? TakenMark : string.Empty) + e.Label;
            if (label.Length > 0)
            {
                w.Append(" : ").Append(MermaidText.Escape(label));
            }

            w.Append('\n');
        }

        DeathNote(w, graph);
        Classes(w, graph);
        return w.ToString();
    }

    private static void Cluster(StringBuilder w, PlanGraph graph, GraphCluster c)
    {
        w.Append(Indent).Append("state \"").Append(MermaidText.Escape(c.Title)).Append("\" as ").Append(c.Id).Append(" {\n");
        foreach (GraphNode n in graph.Nodes.Where(n => n.Cluster == c.Id))
        {
            State(w, n, Indent + Indent);
        }

        w.Append(Indent).Append("}\n");
    }

    private static void State(StringBuilder w, GraphNode n, string indent)
    {
        w.Append(indent).Append("state \"").Append(MermaidText.Escape(n.Title)).Append("\" as ").Append(n.Id).Append('\n');
        foreach (string line in n.Lines.Where(l => l.Length > 0))
        {
            w.Append(indent).Append(n.Id).Append(" : ").Append(MermaidText.Escape(line)).Append('\n');
        }
    }

    private static void DeathNote(StringBuilder w, PlanGraph graph)
    {
        if (graph.Death.Count == 0)
        {
            return;
        }

        w.Append(Indent).Append("note right of ").Append(PlanGraph.AnyStateId).Append('\n');
        foreach (string line in graph.DeathNote())
        {
            w.Append(Indent).Append(Indent).Append(MermaidText.Escape(line)).Append('\n');
        }

        w.Append(Indent).Append("end note\n");
    }

    private static void Classes(StringBuilder w, PlanGraph graph)
    {
        var classes = new List<(string Name, string Style, IEnumerable<GraphNode> Nodes)>
        {
            ("pass", "fill:#d7f0dc,stroke:#2e7d32", Terminals(graph, Verdict.Pass)),
            ("fail", "fill:#f9d6d5,stroke:#c62828", Terminals(graph, Verdict.Fail)),
            ("inconclusive", "fill:#fff1c2,stroke:#b26a00", Terminals(graph, Verdict.Inconclusive)),
            ("notapplicable", "fill:#e8e8e8,stroke:#757575", Terminals(graph, Verdict.NotApplicable)),
            ("error", "fill:#e3e3f3,stroke:#3f51b5", Terminals(graph, Verdict.Error)),
            ("anystate", "fill:#ffffff,stroke:#757575,stroke-dasharray:5 5", graph.Nodes.Where(n => n.Kind == GraphNodeKind.AnyState)),
        };
        if (graph.Run is not null)
        {
            classes.Add(("visited", "stroke:#1f6feb,stroke-width:3px,font-weight:bold", graph.Nodes.Where(n => n.Visited && n.Kind != GraphNodeKind.Start)));
            classes.Add(("unvisited", "stroke:#bdbdbd,color:#9e9e9e", graph.Nodes.Where(n => !n.Visited && n.Kind is GraphNodeKind.State or GraphNodeKind.Verdict)));
        }

        foreach ((string name, string style, IEnumerable<GraphNode> nodes) in classes)
        {
            List<string> ids = [.. nodes.Select(n => n.Id)];
            if (ids.Count > 0)
            {
                w.Append(Indent).Append("classDef ").Append(name).Append(' ').Append(style).Append('\n');
                w.Append(Indent).Append("class ").Append(string.Join(',', ids)).Append(' ').Append(name).Append('\n');
            }
        }
    }

    private static IEnumerable<GraphNode> Terminals(PlanGraph graph, Verdict v) =>
        graph.Nodes.Where(n => n.Kind == GraphNodeKind.Verdict && n.Verdict == v);
}
