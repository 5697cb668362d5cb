using System.Globalization;
using System.Text;

namespace Rig.Benchmarks;

/// <summary>
/// The suite's table (Markdown, so it goes into the README as printed): one row per scenario and
/// metric, one column per tool, and each peer's ratio to Rig beside its value.
/// </summary>
public static class ResultTable
{
    public const string Rig = "rig";

    public static string Render(IReadOnlyList<Measurement> measurements)
    {
        var tools = measurements.Select(m => m.Tool).Distinct().OrderBy(t => t == Rig ? 0 : 1).ToList();
        var sb = new StringBuilder();
        sb.Append("| scenario | metric | ").AppendJoin(" | ", tools).AppendLine(" |");
        sb.Append("|---|---|").Append(string.Concat(tools.Select(_ => "---|"))).AppendLine();
        foreach (var row in measurements.GroupBy(m => (m.Scenario, m.Metric)))
        {
            Measurement? rig = row.FirstOrDefault(m => m.Tool == Rig);
            sb.Append("| ").Append(row.Key.Scenario).Append(" | ").Append(row.Key.Metric).Append(" |");
            foreach (string tool in tools)
            {
                Measurement? m = row.FirstOrDefault(x => x.Tool == tool);
                sb.Append(' ').Append(m is null ? "" : Cell(m, rig)).Append(" |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Cell(Measurement m, Measurement? rig)
    {
        if (!m.Finished)
        {
            return m.Note ?? "n/a";
        }

        string text = Number(m.Value);
        if (m.Tool != Rig && rig is { Finished: true } && rig.Value > 0)
        {
            text += $" ({Number(m.Value / rig.Value)}×)";
        }

        return m.Note is null ? text : $"{text}, {m.Note}";
    }

    /// <summary>Three significant digits, no exponent: 0.00123, 12.3, 1234.</summary>
    public static string Number(double v)
    {
        if (v == 0)
        {
            return "0";
        }

        int digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(v))));
        return Math.Round(v, Math.Min(digits, 6)).ToString("0.######", CultureInfo.InvariantCulture);
    }
}
