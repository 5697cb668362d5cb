using System.Text;
using Rig.Reports.Model;

namespace Rig.Reports.Rendering;

/// <summary>
/// Draws a plan <see cref="Diagram"/> as inline SVG: columns by distance from the start,
/// nodes stacked per column in model order, verdict terminals in the last column, straight
/// edges forward and curved ones backward, each with its own arrowhead (no ids, so many
/// diagrams can share a page). Visited nodes and taken edges carry classes the stylesheet
/// colours; the template's legend says the same in words.
/// </summary>
internal static class DiagramSvg
{
    /// <summary>Most nodes drawn; the rest are left out with a note.</summary>
    public const int MaxNodes = 48;

    /// <summary>Most characters of a node label and an edge label.</summary>
    public const int MaxNodeLabel = 26;
    public const int MaxEdgeLabel = 30;

    private const double NodeW = 170, NodeH = 34, ColGap = 90, RowGap = 26, Margin = 12;

    /// <summary>The SVG markup, and a note when nodes or edges were left out.</summary>
    public static (string Svg, string? Note) Render(Diagram diagram)
    {
        var all = (diagram.Nodes ?? []).Where(n => n is not null).ToList();
        var nodes = all.Take(MaxNodes).ToList();
        string? note = all.Count > MaxNodes
            ? $"The diagram shows the first {MaxNodes} of {all.Count} nodes and the edges between them."
            : null;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            index.TryAdd(nodes[i].Id ?? "", i);
        }

        var edges = (diagram.Edges ?? []).Where(e => e is not null && index.ContainsKey(e.From ?? "\0") && index.ContainsKey(e.To ?? "\0")).ToList();
        int[] column = Columns(nodes, edges, index);
        var rowOf = new int[nodes.Count];
        int columns = column.Length == 0 ? 1 : column.Max() + 1;
        var rowsPerColumn = new int[columns];
        for (int i = 0; i < nodes.Count; i++)
        {
            rowOf[i] = rowsPerColumn[column[i]]++;
        }

        int rows = Math.Max(1, rowsPerColumn.DefaultIfEmpty(1).Max());
        double width = Margin * 2 + columns * NodeW + (columns - 1) * ColGap;
        double height = Margin * 2 + rows * NodeH + (rows - 1) * RowGap + 16;
        double X(int i) => Margin + column[i] * (NodeW + ColGap);
        double Y(int i) => Margin + 16 + rowOf[i] * (NodeH + RowGap);

        var svg = new StringBuilder();
        svg.Append($"<svg class=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {SvgText.N(width)} {SvgText.N(height)}\" width=\"{SvgText.N(width)}\" height=\"{SvgText.N(height)}\">\n");
        svg.Append("<title>State machine and the path the run took</title>\n");

        // Not-taken edges first, so taken ones are drawn on top of them.
        foreach (DiagramEdge e in edges.OrderBy(e => e.Taken ? 1 : 0))
        {
            int a = index[e.From], b = index[e.To];
            string cls = e.Taken ? "edge taken" : "edge";
            svg.Append($"<g class=\"{cls}\">");
            double lx, ly;
            if (a == b)
            {
                double x0 = X(a) + NodeW * 0.35, x1 = X(a) + NodeW * 0.65, y0 = Y(a);
                svg.Append($"<path d=\"M{SvgText.N(x0)},{SvgText.N(y0)} C{SvgText.N(x0)},{SvgText.N(y0 - 22)} {SvgText.N(x1)},{SvgText.N(y0 - 22)} {SvgText.N(x1)},{SvgText.N(y0)}\"/>");
                svg.Append(Arrow(x1, y0, x1, y0 - 10));
                (lx, ly) = (X(a) + NodeW / 2, y0 - 18);
            }
            else if (column[b] > column[a])
            {
                double x0 = X(a) + NodeW, y0 = Y(a) + NodeH / 2, x1 = X(b), y1 = Y(b) + NodeH / 2;
                svg.Append($"<path d=\"M{SvgText.N(x0)},{SvgText.N(y0)} L{SvgText.N(x1)},{SvgText.N(y1)}\"/>");
                svg.Append(Arrow(x1, y1, x0, y0));
                (lx, ly) = ((x0 + x1) / 2, (y0 + y1) / 2 - 3);
            }
            else
            {
                // Backward or within a column: a curve below both nodes, back to the target's bottom.
                double x0 = X(a) + NodeW / 2, y0 = Y(a) + NodeH, x1 = X(b) + NodeW / 2 + 12, y1 = Y(b) + NodeH;
                double dip = Math.Max(y0, y1) + RowGap * 0.8;
                svg.Append($"<path d=\"M{SvgText.N(x0)},{SvgText.N(y0)} C{SvgText.N(x0)},{SvgText.N(dip)} {SvgText.N(x1)},{SvgText.N(dip)} {SvgText.N(x1)},{SvgText.N(y1)}\"/>");
                svg.Append(Arrow(x1, y1, x1, y1 + 10));
                (lx, ly) = ((x0 + x1) / 2, dip - 2);
            }

            string label = SvgText.Label(e.Label, MaxEdgeLabel);
            if (label.Length > 0)
            {
                svg.Append($"<text x=\"{SvgText.N(lx)}\" y=\"{SvgText.N(ly)}\" text-anchor=\"middle\">{label}</text>");
            }

            svg.Append("</g>\n");
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            DiagramNode n = nodes[i];
            string kind = n.Kind switch
            {
                DiagramKinds.Start => "start",
                DiagramKinds.Verdict => "verdict",
                DiagramKinds.AnyState => "any",
                _ => "state",
            };
            string verdict = kind == "verdict" && Verdicts.IsKnown(n.Verdict) ? " " + n.Verdict : "";
            string visited = n.Visited ? " visited" : "";
            svg.Append($"<g class=\"node {kind}{verdict}{visited}\">");
            if (kind == "start")
            {
                svg.Append($"<circle cx=\"{SvgText.N(X(i) + NodeW - 10)}\" cy=\"{SvgText.N(Y(i) + NodeH / 2)}\" r=\"8\"/>");
            }
            else
            {
                string rx = kind == "verdict" ? "14" : "4";
                svg.Append($"<rect x=\"{SvgText.N(X(i))}\" y=\"{SvgText.N(Y(i))}\" width=\"{SvgText.N(NodeW)}\" height=\"{SvgText.N(NodeH)}\" rx=\"{rx}\"/>");
                string mark = n.Visited ? "\u2713 " : ""; // the tick carries "visited" without colour
                svg.Append($"<text x=\"{SvgText.N(X(i) + NodeW / 2)}\" y=\"{SvgText.N(Y(i) + NodeH / 2 + 4)}\" text-anchor=\"middle\">{SvgText.Escape(mark)}{SvgText.Label(n.Label, MaxNodeLabel)}</text>");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>");
        return (svg.ToString(), note);
    }

    // Columns: breadth-first distance from the start over the edges; verdict terminals after
    // every other column; nodes the start does not reach (e.g. "any state") in the first.
    private static int[] Columns(List<DiagramNode> nodes, List<DiagramEdge> edges, Dictionary<string, int> index)
    {
        var column = Enumerable.Repeat(-1, nodes.Count).ToArray();
        int start = nodes.FindIndex(n => n.Kind == DiagramKinds.Start);
        var queue = new Queue<int>();
        if (start >= 0)
        {
            column[start] = 0;
            queue.Enqueue(start);
        }

        while (queue.Count > 0)
        {
            int a = queue.Dequeue();
            foreach (DiagramEdge e in edges.Where(e => index[e.From] == a))
            {
                int b = index[e.To];
                if (column[b] < 0 && nodes[b].Kind != DiagramKinds.Verdict)
                {
                    column[b] = column[a] + 1;
                    queue.Enqueue(b);
                }
            }
        }

        int last = column.DefaultIfEmpty(0).Max() + 1;
        for (int i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Kind == DiagramKinds.Verdict)
            {
                column[i] = last;
            }
            else if (column[i] < 0)
            {
                column[i] = 0;
            }
        }

        return column;
    }

    // An arrowhead at (x, y) pointing away from (fromX, fromY).
    private static string Arrow(double x, double y, double fromX, double fromY)
    {
        double dx = x - fromX, dy = y - fromY, len = Math.Sqrt(dx * dx + dy * dy);
        if (len < 0.001)
        {
            return "";
        }

        dx /= len;
        dy /= len;
        double bx = x - dx * 9, by = y - dy * 9;
        return $"<polygon class=\"head\" points=\"{SvgText.N(x)},{SvgText.N(y)} {SvgText.N(bx - dy * 4)},{SvgText.N(by + dx * 4)} {SvgText.N(bx + dy * 4)},{SvgText.N(by - dx * 4)}\"/>";
    }
}
