using System.Globalization;
using System.Text;
using Rig.Reports.Text;

namespace Rig.Reports.Rendering;

/// <summary>
/// Text and numbers for the renderer's own SVG markup. Every label goes through
/// <see cref="DeviceText"/> (it may quote the device) and is then XML-escaped, because this
/// markup is written raw, past the template engine's escaping.
/// </summary>
internal static class SvgText
{
    /// <summary>The label cleaned, cut to <paramref name="maxChars"/> with an ellipsis, and escaped.</summary>
    public static string Label(string? text, int maxChars)
    {
        string shown = DeviceText.Show(text ?? "", 4 * maxChars) ?? "";
        shown = shown.Replace('\n', ' ').Replace('\t', ' ');
        if (shown.Length > maxChars)
        {
            shown = shown[..Math.Max(0, maxChars - 1)] + "\u2026";
        }

        return Escape(shown);
    }

    public static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            b.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => c.ToString(),
            });
        }

        return b.ToString();
    }

    /// <summary>A coordinate: invariant culture, at most one decimal, so output is byte-stable.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
