using System.Text.RegularExpressions;

namespace Rig.Engine.Engine;

/// <summary>{{name}} substitution for verdict reasons and sent text. Nothing else: plans are data, not code.</summary>
public static partial class Template
{
    public static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Placeholder().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out string? v) ? v : $"<unset {m.Groups[1].Value}>");

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
