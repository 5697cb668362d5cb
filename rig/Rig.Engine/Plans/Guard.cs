using System.Globalization;
using System.Text.RegularExpressions;
using Rig.Engine.Config;

namespace Rig.Engine.Plans;

/// <summary>
/// A transition's condition: comparisons of variables joined by "and", e.g.
/// <c>uid == 0</c>, <c>tried &gt;= 10 and port != 23</c>, <c>user matches '^adm'</c>, <c>defined user</c>.
/// Numbers compare as numbers; anything else as text. An unset variable makes a clause false.
/// </summary>
public sealed partial class Guard
{
    private readonly Clause[] _clauses;

    private Guard(string source, Clause[] clauses)
    {
        Source = source;
        _clauses = clauses;
    }

    public string Source { get; }

    /// <summary>Every variable the guard reads (for validation).</summary>
    public IEnumerable<string> Variables => _clauses.Select(c => c.Name);

    private sealed record Clause(string Name, string Op, string Value, Regex? Pattern);

    public static Guard Parse(string source, Func<string, Exception> error)
    {
        var clauses = new List<Clause>();
        foreach (string part in AndSplit().Split(source.Trim()))
        {
            Match d = DefinedClause().Match(part);
            if (d.Success)
            {
                clauses.Add(new Clause(d.Groups[1].Value, "defined", string.Empty, null));
                continue;
            }

            Match m = Comparison().Match(part);
            if (!m.Success)
            {
                throw error($"bad condition '{part}': write NAME OP VALUE with OP one of == != < <= > >= matches, or 'defined NAME', joined by 'and'");
            }

            string value = Unquote(m.Groups[3].Value);
            Regex? pattern = null;
            if (m.Groups[2].Value == "matches")
            {
                pattern = PatternCompiler.Compile(value, msg => error($"condition '{part}': {msg}"));
            }

            clauses.Add(new Clause(m.Groups[1].Value, m.Groups[2].Value, value, pattern));
        }

        return new Guard(source, [.. clauses]);
    }

    public bool Holds(IReadOnlyDictionary<string, string> variables) => _clauses.All(c => Holds(c, variables));

    private static bool Holds(Clause c, IReadOnlyDictionary<string, string> variables)
    {
        if (!variables.TryGetValue(c.Name, out string? actual))
        {
            return false;
        }

        if (c.Op == "defined")
        {
            return true;
        }

        if (c.Pattern is not null)
        {
            return c.Pattern.IsMatch(actual);
        }

        int order = double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
            && double.TryParse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(actual, c.Value);
        return c.Op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && ((v[0] == '\'' && v[^1] == '\'') || (v[0] == '"' && v[^1] == '"')) ? v[1..^1] : v;

    [GeneratedRegex(@"\s+and\s+")]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^defined\s+([A-Za-z_][A-Za-z0-9_.]*)$")]
    private static partial Regex DefinedClause();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_.]*)\s*(==|!=|<=|>=|<|>|\bmatches\b)\s*(.+)$")]
    private static partial Regex Comparison();
}
