using System.Text;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>
/// Writes a <see cref="PlanGraph"/> as a Graphviz digraph (left to right, states as rounded
/// records: name, then description and actions), a <c>subgraph cluster_*</c> per fragment, verdict
/// terminals filled by verdict, death patterns in a note beside "any state" and dashed death
/// edges. With a run, its path is bold and blue and everything else is greyed.
/// </summary>
public static class DotWriter
{
    private const string Path = "#1f6feb";
    private const string Faded = "#9e9e9e";
    private const string Indent = "  ";

    /// <summary>The digraph's text, ending with a newline.</summary>
    public static string Write(PlanGraph graph)
    {
        bool run = graph.Run is not null;
        var w = new StringBuilder();
        w.Append("digraph \"").Append(DotText.Quoted(graph.PlanId)).Append("\" {\n");
        w.Append(Indent).Append("graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=\"")
            .Append(DotText.Quoted($"{graph.PlanId}: {graph.Title}")).Append("\"];\n");
        w.Append(Indent).Append("node [shape=Mrecord, fontname=\"Helvetica\", fontsize=11];\n");
        w.Append(Indent).Append("edge [fontname=\"Helvetica\", fontsize=10];\n");

        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (GraphNode n in graph.Nodes)
        {
            if (n.Cluster is null)
            {
                Node(w, n, run, Indent);
                if (n.Kind == GraphNodeKind.AnyState)
                {
                    DeathNote(w, graph);
                }
            }
            else if (drawn.Add(n.Cluster))
            {
                Cluster(w, graph, graph.Clusters.First(c => c.Id == n.Cluster), run);
            }
        }

        foreach (GraphEdge e in graph.Edges)
        {
            Edge(w, e, run);
        }

        w.Append("}\n");
        return w.ToString();
    }

    private static void Cluster(StringBuilder w, PlanGraph graph, GraphCluster c, bool run)
    {
        w.Append(Indent).Append("subgraph \"cluster_").Append(c.Id).Append("\" {\n");
        w.Append(Indent).Append(Indent).Append("label=\"").Append(DotText.Quoted(c.Title)).Append("\";\n");
        w.Append(Indent).Append(Indent).Append("style=\"rounded,dashed\"; color=\"#757575\"; fontname=\"Helvetica\"; fontsize=11;\n");
        foreach (GraphNode n in graph.Nodes.Where(n => n.Cluster == c.Id))
        {
            Node(w, n, run, Indent + Indent);
        }

        w.Append(Indent).Append("}\n");
    }

    private static void Node(StringBuilder w, GraphNode n, bool run, string indent)
    {
        var attrs = new List<string>();
        switch (n.Kind)
        {
            case GraphNodeKind.Start:
                attrs.Add("shape=point, width=0.15, label=\"\"");
                break;
            case GraphNodeKind.State:
                attrs.Add($"label=\"{StateLabel(n)}\"");
                break;
            case GraphNodeKind.Verdict:
                attrs.Add($"shape=box, style=\"rounded,filled\", fillcolor=\"{Fill(n.Verdict)}\", label=\"{DotText.Quoted(n.Title)}\"");
                break;
            case GraphNodeKind.AnyState:
                attrs.Add($"shape=box, style=\"rounded,dashed\", label=\"{DotText.Quoted(n.Title)}\"");
                break;
        }

        if (run && n.Visited)
        {
            attrs.Add($"penwidth=2.5, color=\"{Path}\"");
        }
        else if (run && n.Kind is GraphNodeKind.State or GraphNodeKind.Verdict)
        {
            attrs.Add($"color=\"{Faded}\", fontcolor=\"{Faded}\"");
        }

        w.Append(indent).Append('"').Append(n.Id).Append("\" [").Append(string.Join(", ", attrs)).Append("];\n");
    }

    // A rounded record: the name on top, then the description and actions, left-aligned
    // (with rankdir=LR a record's top-level fields stack vertically).
    private static string StateLabel(GraphNode n)
    {
        string title = DotText.RecordField(n.Title);
        return n.Lines.Count == 0
            ? title
            : title + "|" + string.Concat(n.Lines.Select(l => DotText.RecordField(l) + "\\l"));
    }

    private static void DeathNote(StringBuilder w, PlanGraph graph)
    {
        string label = string.Concat(graph.DeathNote().Select(l => DotText.Quoted(l) + "\\l"));
        w.Append(Indent).Append("\"death\" [shape=note, fontsize=10, label=\"").Append(label).Append("\"];\n");
        w.Append(Indent).Append("\"").Append(PlanGraph.AnyStateId).Append("\" -> \"death\" [style=dotted, arrowhead=none];\n");
    }

    private static void Edge(StringBuilder w, GraphEdge e, bool run)
    {
        var attrs = new List<string>();
        if (e.Label.Length > 0)
        {
            attrs.Add($"label=\"{DotText.Quoted(e.Label)}\"");
        }

        if (e.Kind is GraphEdgeKind.Death or GraphEdgeKind.Ended)
        {
            attrs.Add("style=dashed");
        }

        if (run && e.Taken)
        {
            attrs.Add($"penwidth=2.5, color=\"{Path}\", fontcolor=\"{Path}\"");
        }
        else if (run)
        {
            attrs.Add($"color=\"{Faded}\", fontcolor=\"{Faded}\"");
        }

        w.Append(Indent).Append('"').Append(e.From).Append("\" -> \"").Append(e.To).Append('"');
        w.Append(attrs.Count > 0 ? " [" + string.Join(", ", attrs) + "]" : string.Empty).Append(";\n");
    }

    private static string Fill(Verdict? v) => v switch
    {
        Verdict.Pass => "#d7f0dc",
        Verdict.Fail => "#f9d6d5",
        Verdict.Inconclusive => "#fff1c2",
        Verdict.Error => "#e3e3f3",
        _ => "#e8e8e8",
    };
}
