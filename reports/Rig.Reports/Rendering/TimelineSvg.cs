using System.Globalization;
using System.Text;
using Rig.Reports.Model;

namespace Rig.Reports.Rendering;

/// <summary>
/// Draws the slot's <see cref="Timeline"/> as inline SVG: a row of plan spans ending in verdict
/// markers, a row of power on/off events, a row of console bytes per time bin, the current the
/// device drew when the slot has a power meter, and an axis in seconds from the start of the test.
/// Size is fixed whatever the journal holds.
/// </summary>
internal static class TimelineSvg
{
    /// <summary>Console activity is summed into this many bins.</summary>
    public const int Bins = 120;

    /// <summary>Most plan spans and power events drawn.</summary>
    public const int MaxMarks = 200;

    private const double Left = 90, PlotW = 620, Width = Left + PlotW + 20;
    private const double PlanY = 14, PowerY = 58, ConsoleY = 96, CurrentY = 146, CurrentH = 48;

    public static string Render(Timeline timeline)
    {
        List<CurrentReading> current = [.. (timeline.Current ?? []).Where(c => c is not null && double.IsFinite(c.Milliamps))];
        double axisY = current.Count > 0 ? CurrentY + CurrentH + 14 : 146, height = axisY + 26;
        long duration = Math.Max(1, timeline.DurationNs);
        double X(long ns) => Left + PlotW * Math.Clamp(ns, 0, duration) / (double)duration;
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {SvgText.N(Width)} {SvgText.N(height)}\" width=\"{SvgText.N(Width)}\" height=\"{SvgText.N(height)}\">\n");
        svg.Append($"<title>Timeline of the test: plans, power{(current.Count > 0 ? ", console activity and current" : " and console activity")}</title>\n");
        svg.Append($"<g class=\"rowlabel\"><text x=\"4\" y=\"{SvgText.N(PlanY + 18)}\">Plans</text><text x=\"4\" y=\"{SvgText.N(PowerY + 16)}\">Power</text><text x=\"4\" y=\"{SvgText.N(ConsoleY + 22)}\">Console</text></g>\n");

        foreach (PlanSpan span in (timeline.Plans ?? []).Where(s => s is not null).Take(MaxMarks))
        {
            string verdict = Verdicts.IsKnown(span.Verdict) ? span.Verdict : "unknown";
            double x0 = X(span.StartNs), x1 = Math.Max(X(span.EndNs), x0 + 1.5);
            svg.Append($"<g class=\"span {verdict}\"><rect x=\"{SvgText.N(x0)}\" y=\"{SvgText.N(PlanY)}\" width=\"{SvgText.N(x1 - x0)}\" height=\"26\"/>");
            svg.Append($"<polygon class=\"mark\" points=\"{SvgText.N(x1)},{SvgText.N(PlanY - 4)} {SvgText.N(x1 + 5)},{SvgText.N(PlanY + 13)} {SvgText.N(x1)},{SvgText.N(PlanY + 30)} {SvgText.N(x1 - 5)},{SvgText.N(PlanY + 13)}\"/>");
            if (x1 - x0 > 40)
            {
                svg.Append($"<text x=\"{SvgText.N(x0 + 3)}\" y=\"{SvgText.N(PlanY + 17)}\">{SvgText.Label(span.PlanId, (int)((x1 - x0 - 8) / 6.5))}</text>");
            }

            svg.Append("</g>\n");
        }

        // Power as a step line: high while on, with a labelled tick per event.
        svg.Append($"<line class=\"track\" x1=\"{SvgText.N(Left)}\" y1=\"{SvgText.N(PowerY + 24)}\" x2=\"{SvgText.N(Left + PlotW)}\" y2=\"{SvgText.N(PowerY + 24)}\"/>\n");
        foreach (PowerEvent p in (timeline.Power ?? []).Where(p => p is not null).Take(MaxMarks))
        {
            string cls = p.On ? "power on" : "power off";
            double x = X(p.OffsetNs);
            svg.Append($"<g class=\"{cls}\"><line x1=\"{SvgText.N(x)}\" y1=\"{SvgText.N(PowerY + 4)}\" x2=\"{SvgText.N(x)}\" y2=\"{SvgText.N(PowerY + 24)}\"/><text x=\"{SvgText.N(x + 2)}\" y=\"{SvgText.N(PowerY + 10)}\">{(p.On ? "on" : "off")}</text></g>\n");
        }

        var bins = new long[Bins];
        foreach (ConsoleActivity c in (timeline.Console ?? []).Where(c => c is not null))
        {
            int bin = (int)Math.Min(Bins - 1, (double)Math.Clamp(c.OffsetNs, 0, duration) * Bins / duration);
            bins[bin] += Math.Max(0, c.Bytes);
        }

        long most = Math.Max(1, bins.Max());
        double binW = PlotW / Bins;
        svg.Append("<g class=\"console\">");
        for (int i = 0; i < Bins; i++)
        {
            if (bins[i] > 0)
            {
                // Logarithmic, so a chatty boot does not flatten a later prompt to nothing.
                double h = Math.Max(1.5, 36 * Math.Log(1 + bins[i]) / Math.Log(1 + most));
                svg.Append($"<rect x=\"{SvgText.N(Left + i * binW)}\" y=\"{SvgText.N(ConsoleY + 36 - h)}\" width=\"{SvgText.N(binW)}\" height=\"{SvgText.N(h)}\"/>");
            }
        }

        svg.Append("</g>\n");
        if (current.Count > 0)
        {
            CurrentSvg.Append(svg, current, duration, Left, PlotW, CurrentY, CurrentH);
        }

        svg.Append($"<g class=\"axis\"><line x1=\"{SvgText.N(Left)}\" y1=\"{SvgText.N(axisY)}\" x2=\"{SvgText.N(Left + PlotW)}\" y2=\"{SvgText.N(axisY)}\"/>");
        double seconds = duration / 1e9;
        double step = Step(seconds);
        for (double s = 0; s <= seconds + 1e-9; s += step)
        {
            double x = Left + PlotW * s / seconds;
            svg.Append($"<line x1=\"{SvgText.N(x)}\" y1=\"{SvgText.N(axisY)}\" x2=\"{SvgText.N(x)}\" y2=\"{SvgText.N(axisY + 4)}\"/><text x=\"{SvgText.N(x)}\" y=\"{SvgText.N(axisY + 16)}\" text-anchor=\"middle\">{s.ToString("0.###", CultureInfo.InvariantCulture)} s</text>");
        }

        svg.Append("</g>\n</svg>");
        return svg.ToString();
    }

    // A 1-2-5 step giving at most ten ticks.
    internal static double Step(double seconds)
    {
        double step = 0.001;
        while (seconds / step > 10)
        {
            step *= step.ToString("0.###E+0", CultureInfo.InvariantCulture).StartsWith('2') ? 2.5 : 2;
        }

        return step;
    }
}
