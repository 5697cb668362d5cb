using System.Globalization;
using System.Text;
using Rig.Reports.Model;

namespace Rig.Reports.Rendering;

/// <summary>
/// The timeline's current row: the power meter's readings as a line of the highest reading per
/// column, so a short inrush survives however long the test. Where readings stop for longer than
/// three of their usual intervals the line breaks: a gap in what was observed is drawn as a gap.
/// </summary>
internal static class CurrentSvg
{
    /// <summary>Columns the readings are gathered into: the line has at most this many points.</summary>
    public const int Columns = 310;

    public static void Append(StringBuilder svg, IReadOnlyList<CurrentReading> readings, long duration, double left, double width, double top, double height)
    {
        List<CurrentReading> sorted = [.. readings.OrderBy(r => r.OffsetNs)];
        long gap = 3 * UsualInterval(sorted);
        double most = Math.Max(1, sorted.Max(r => r.Milliamps)); // the scale: 0 mA to the highest reading
        string scale = most.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append($"<g class=\"rowlabel\"><text x=\"4\" y=\"{SvgText.N(top + 18)}\">Current</text><text class=\"scale\" x=\"4\" y=\"{SvgText.N(top + 32)}\">0–{scale} mA</text></g>\n");
        svg.Append($"<line class=\"track\" x1=\"{SvgText.N(left)}\" y1=\"{SvgText.N(top + height)}\" x2=\"{SvgText.N(left + width)}\" y2=\"{SvgText.N(top + height)}\"/>\n");
        svg.Append("<g class=\"current\">");

        var points = new StringBuilder();
        int column = -1;
        double highest = 0;
        long previous = long.MinValue;
        void Point()
        {
            double x = left + width * (column + 0.5) / Columns;
            double y = top + height - height * Math.Clamp(highest, 0, most) / most;
            points.Append(points.Length == 0 ? string.Empty : " ").Append(SvgText.N(x)).Append(',').Append(SvgText.N(y));
        }

        void Line()
        {
            if (points.Length > 0)
            {
                svg.Append($"<polyline points=\"{points}\"/>");
                points.Clear();
            }
        }

        foreach (CurrentReading r in sorted)
        {
            int col = (int)Math.Min(Columns - 1, (double)Math.Clamp(r.OffsetNs, 0, duration) * Columns / Math.Max(1, duration));
            bool broken = previous != long.MinValue && r.OffsetNs - previous > gap;
            if (col != column || broken)
            {
                if (column >= 0)
                {
                    Point();
                }

                if (broken)
                {
                    Line();
                }

                column = col;
                highest = r.Milliamps;
            }
            else
            {
                highest = Math.Max(highest, r.Milliamps);
            }

            previous = r.OffsetNs;
        }

        Point();
        Line();
        svg.Append($"<text x=\"{SvgText.N(left + width + 2)}\" y=\"{SvgText.N(top + 8)}\">{scale}</text></g>\n");
    }

    /// <summary>The median time between readings (the meter's rate, whatever the bench said).</summary>
    private static long UsualInterval(List<CurrentReading> sorted)
    {
        if (sorted.Count < 2)
        {
            return long.MaxValue / 4;
        }

        long[] steps = [.. sorted.Zip(sorted.Skip(1), (a, b) => b.OffsetNs - a.OffsetNs).Order()];
        return Math.Max(1, steps[steps.Length / 2]);
    }
}
