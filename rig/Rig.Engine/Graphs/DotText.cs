using System.Text;

namespace Rig.Engine.Graphs;

/// <summary>
/// Escaping for Graphviz DOT strings. Graphviz reads a backslash in a label as the start of an
/// escape (<c>\N</c> is the node's name, <c>\l</c> a line break), so every backslash is doubled;
/// in record labels <c>{ } | &lt; &gt;</c> are structure and runs of spaces collapse, so those are
/// escaped too.
/// </summary>
public static class DotText
{
    /// <summary>A plain label or name, to go between double quotes.</summary>
    public static string Quoted(string text)
    {
        string line = LabelText.Visible(text);
        var sb = new StringBuilder(line.Length + 8);
        foreach (char c in line)
        {
            if (c is '\\' or '"')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>One field of a record label (shape=record or Mrecord), to go between double quotes.</summary>
    public static string RecordField(string text)
    {
        string line = LabelText.Visible(text);
        var sb = new StringBuilder(line.Length + 8);
        char previous = ' '; // a leading space would be trimmed
        foreach (char c in line)
        {
            if (c is '\\' or '"' or '{' or '}' or '|' or '<' or '>' || (c == ' ' && previous == ' '))
            {
                sb.Append('\\'); // "\ " is a space Graphviz keeps
            }

            sb.Append(c);
            previous = c;
        }

        return sb.ToString();
    }
}
