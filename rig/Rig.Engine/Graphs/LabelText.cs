using System.Globalization;
using System.Text;

namespace Rig.Engine.Graphs;

/// <summary>
/// Plan text made fit for one line of a drawing or an outline: control and invisible characters
/// become visible escapes (a regex's "\n" reads as written), long text is cut with an ellipsis.
/// Format escaping (DOT, Mermaid, HTML) is the writers' job, on top of this.
/// </summary>
public static class LabelText
{
    /// <summary>The ellipsis that marks cut text.</summary>
    public const string Ellipsis = "\u2026";

    /// <summary>
    /// Shows CR, LF and tab as \r, \n and \t, other control characters as \xNN, and characters
    /// that are invisible or reorder text (bidi overrides, zero-width, separators) as \u{XXXX}.
    /// </summary>
    public static string Visible(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            string? escape = null;
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int used) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar; // a lone surrogate
                escape = rune.ToString();
            }
            else
            {
                escape = Escape(rune);
            }

            if (escape is null)
            {
                sb?.Append(text, i, used);
            }
            else
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 16);
                sb.Append(escape);
            }

            i += used - 1;
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>Visible text cut to at most <paramref name="max"/> characters (the ellipsis included).</summary>
    public static string Line(string text, int max)
    {
        string line = Visible(text);
        if (line.Length <= max)
        {
            return line;
        }

        int cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }

        return line[..Math.Max(cut, 0)] + Ellipsis;
    }

    /// <summary>Visible text broken at spaces into lines of at most <paramref name="width"/>, at most <paramref name="maxLines"/> of them.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width, int maxLines)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in Visible(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        if (lines.Count > maxLines)
        {
            lines.RemoveRange(maxLines, lines.Count - maxLines);
            lines[^1] += " " + Ellipsis;
        }

        return [.. lines.Select(l => l.Length > width ? Line(l, width) : l)];
    }

    private static string? Escape(Rune rune)
    {
        switch (rune.Value)
        {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
        }

        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        if (category == UnicodeCategory.Control)
        {
            return "\\x" + rune.Value.ToString("X2", CultureInfo.InvariantCulture);
        }

        return category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            ? "\\u{" + rune.Value.ToString("X4", CultureInfo.InvariantCulture) + "}"
            : null;
    }
}
