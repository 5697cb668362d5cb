using System.Globalization;

namespace Rig.Engine.Vulnerabilities;

/// <summary>The CVSS v3.0/v3.1 base score of a vector string (FIRST's specification, section 7.1), and its rating.</summary>
public static class Cvss3
{
    /// <summary>The base score, or null for a vector that is not a complete CVSS v3 base vector.</summary>
    public static double? BaseScore(string vector)
    {
        string[] parts = vector.Split('/');
        if (parts.Length < 9 || !parts[0].StartsWith("CVSS:3.", StringComparison.Ordinal))
        {
            return null;
        }

        var m = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string p in parts.Skip(1))
        {
            string[] kv = p.Split(':');
            if (kv.Length != 2 || !m.TryAdd(kv[0], kv[1]))
            {
                return null;
            }
        }

        bool changed = Get(m, "S") == "C";
        double? av = Get(m, "AV") switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = Get(m, "AC") switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = Get(m, "PR") switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, "H" => changed ? 0.5 : 0.27, _ => null };
        double? ui = Get(m, "UI") switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? c = Cia(Get(m, "C")), i = Cia(Get(m, "I")), a = Cia(Get(m, "A"));
        if (av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null || Get(m, "S") is not ("U" or "C"))
        {
            return null;
        }

        double iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        double impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        double exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0)
        {
            return 0;
        }

        return RoundUp(Math.Min((changed ? 1.08 : 1) * (impact + exploitability), 10));
    }

    public static string Rating(double score) => score switch
    {
        0 => "NONE",
        < 4 => "LOW",
        < 7 => "MEDIUM",
        < 9 => "HIGH",
        _ => "CRITICAL",
    };

    private static string? Get(Dictionary<string, string> m, string key) => m.GetValueOrDefault(key);

    private static double? Cia(string? v) => v switch { "H" => 0.56, "L" => 0.22, "N" => 0, _ => null };

    /// <summary>CVSS 3.1's Roundup: the smallest one-decimal number at or above the input, computed in integers to dodge floating-point error.</summary>
    private static double RoundUp(double x)
    {
        long n = (long)Math.Round(x * 100000);
        return n % 10000 == 0 ? n / 100000.0 : (Math.Floor(n / 10000.0) + 1) / 10.0;
    }

    internal static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
