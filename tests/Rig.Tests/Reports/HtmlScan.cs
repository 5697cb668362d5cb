using System.Text.RegularExpressions;

namespace Rig.Tests.Reports;

/// <summary>Just enough HTML reading for the tests: tag names with their positions, and the head.</summary>
internal static partial class HtmlScan
{
    public sealed record Tag(string Name, bool Closing, int Index);

    /// <summary>Every start or end tag, skipping the doctype: "&lt;" followed by a letter or "/".</summary>
    public static IReadOnlyList<Tag> Tags(string html) =>
        TagPattern().Matches(html)
            .Select(m => new Tag(m.Groups[2].Value.ToLowerInvariant(), m.Groups[1].Value == "/", m.Index))
            .ToArray();

    public static int HeadEnd(string html)
    {
        int end = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        Assert.That(end, Is.GreaterThan(0), "no </head>");
        return end;
    }

    /// <summary>The exact text between the one &lt;style&gt; and &lt;/style&gt;.</summary>
    public static string Style(string html)
    {
        int open = html.IndexOf("<style>", StringComparison.Ordinal);
        int close = html.IndexOf("</style>", StringComparison.Ordinal);
        Assert.That(open, Is.GreaterThan(0), "no <style>");
        return html[(open + "<style>".Length)..close];
    }

    [GeneratedRegex("<(/?)([a-zA-Z][a-zA-Z0-9-]*)")]
    private static partial Regex TagPattern();
}
