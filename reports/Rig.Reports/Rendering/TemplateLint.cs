namespace Rig.Reports.Rendering;

/// <summary>
/// Refuses template constructs that would write data unescaped. Handlebars' triple-stash
/// ({{{x}}}, also as {{~{x}~}} and raw blocks {{{{x}}}}) bypasses HTML escaping; {{&amp;x}} does
/// in handlebars.js, so it is refused too rather than relying on the parser rejecting it.
/// </summary>
internal static class TemplateLint
{
    private static readonly string[] RawOpeners = ["{{{", "{{~{", "{{&", "{{~&"];

    /// <summary>Throws a <see cref="ReportTemplateException"/> naming file:line:column of the first raw-output construct.</summary>
    public static void Check(string fileName, string template)
    {
        CheckNesting(fileName, template);
        int first = -1;
        string? opener = null;
        foreach (string candidate in RawOpeners)
        {
            int at = template.IndexOf(candidate, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
                opener = candidate;
            }
        }

        if (first < 0)
        {
            return;
        }

        (int line, int column) = Position(template, first);
        throw new ReportTemplateException(
            $"{fileName}:{line}:{column}: raw output \"{opener}\" is not allowed in report templates; use {{{{name}}}}, which HTML-escapes");
    }

    /// <summary>Deepest nesting of {{#block}}s and of ( ) inside one {{ }}: the template compiler recurses, so a hostile depth could overflow its stack.</summary>
    public const int MaxNesting = 32;

    private static void CheckNesting(string fileName, string template)
    {
        int blocks = 0;
        int parens = 0;
        bool inside = false;
        for (int i = 0; i < template.Length; i++)
        {
            if (template.AsSpan(i).StartsWith("{{"))
            {
                inside = true;
                parens = 0;
                int at = i + 2;
                while (at < template.Length && template[at] is '~' or '{')
                {
                    at++;
                }

                blocks += at < template.Length ? template[at] switch { '#' or '^' => 1, '/' => -1, _ => 0 } : 0;
            }
            else if (template.AsSpan(i).StartsWith("}}"))
            {
                inside = false;
            }
            else if (inside)
            {
                parens += template[i] switch { '(' => 1, ')' => -1, _ => 0 };
            }

            if (blocks > MaxNesting || parens > MaxNesting)
            {
                (int line, int column) = Position(template, i);
                throw new ReportTemplateException($"{fileName}:{line}:{column}: nested more than {MaxNesting} deep");
            }
        }
    }

    /// <summary>1-based line and column of an index.</summary>
    internal static (int Line, int Column) Position(string text, int index)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
