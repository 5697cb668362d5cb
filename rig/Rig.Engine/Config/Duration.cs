using System.Globalization;
using System.Text.RegularExpressions;

namespace Rig.Engine.Config;

/// <summary>Durations as lab technicians write them: 500ms, 90s, 1.5s, 5m, 1h.</summary>
public static partial class Duration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        Match m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double ms = m.Groups[2].Value switch
        {
            "ms" => n,
            "s" => n * 1000,
            "m" or "min" => n * 60_000,
            "h" => n * 3_600_000,
            _ => double.NaN,
        };
        if (double.IsNaN(ms) || ms > TimeSpan.FromDays(7).TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    public static string Format(TimeSpan d) =>
        d.TotalMilliseconds < 1000 ? $"{d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms"
        : d.TotalSeconds < 120 ? $"{d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s"
        : $"{d.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)}m";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)$")]
    private static partial Regex Pattern();
}
