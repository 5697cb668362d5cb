using System.Globalization;
using System.Text;

namespace Rig.Engine.Graphs;

/// <summary>
/// Escaping for Mermaid's state diagrams. Mermaid has no backslash escapes; it turns <c>#NN;</c>
/// into the character NN before drawing, so everything but letters, digits, spaces and a few
/// harmless marks is written that way: quotes, colons and semicolons (which end a label),
/// <c>%%</c> (a comment), <c>#</c>, HTML's &lt; &gt; &amp;, and markdown's <c>*</c> and <c>_</c>.
/// </summary>
public static class MermaidText
{
    /// <summary>One line of label text, safe inside <c>"..."</c>, after <c>id :</c>, after an edge's <c>:</c>, and in a note.</summary>
    public static string Escape(string text)
    {
        string line = LabelText.Visible(text);
        var sb = new StringBuilder(line.Length + 16);
        for (int i = 0; i < line.Length;)
        {
            Rune.DecodeFromUtf16(line.AsSpan(i), out Rune rune, out int used);
            int c = rune.Value;
            if (c == ' ' && (EndsWith(sb, "direction", wholeWord: false) || EndsWith(sb, "end", wholeWord: true)))
            {
                // "direction TB" anywhere on a line turns it into a direction statement, and a line
                // that starts "end note" closes a note: a space written as an entity defuses both.
                sb.Append("#32;");
            }
            else if ((c < 0x80 && char.IsAsciiLetterOrDigit((char)c)) || c is ' ' or '.' or ',' or '/' or '(' or ')' or '\'' or '-' or '=' or '+' or '!' or '?' or '@' or '$' or '^')
            {
                sb.Append((char)c);
            }
            else
            {
                sb.Append('#').Append(c.ToString(CultureInfo.InvariantCulture)).Append(';');
            }

            i += used;
        }

        return sb.ToString();
    }

    private static bool EndsWith(StringBuilder sb, string word, bool wholeWord)
    {
        if (sb.Length < word.Length || (wholeWord && sb.Length > word.Length && char.IsAsciiLetterOrDigit(sb[sb.Length - word.Length - 1])))
        {
            return false;
        }

        for (int i = 0; i < word.Length; i++)
        {
            if (char.ToLowerInvariant(sb[sb.Length - word.Length + i]) != word[i])
            {
                return false;
            }
        }

        return true;
    }
}
