using System.Security.Cryptography;
using System.Text;

namespace Rig.Reports.Rendering;

/// <summary>
/// The start of every report's &lt;head&gt;: charset, then the Content-Security-Policy (which must
/// come first to cover everything after it), the referrer policy and the one inline stylesheet,
/// whose hash the policy names. Written by the renderer, never by a template.
/// </summary>
internal static class DocumentHead
{
    /// <summary>The CSP source for a stylesheet: 'sha256-' and the base64 SHA-256 of its UTF-8 bytes.</summary>
    public static string StyleHash(string css) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));

    /// <summary>The head markup for <paramref name="css"/>; refuses a stylesheet that could end the style element.</summary>
    public static string Build(string cssName, string css, string? reportId = null)
    {
        int end = css.IndexOf("</style", StringComparison.OrdinalIgnoreCase);
        if (end >= 0)
        {
            (int line, int column) = TemplateLint.Position(css, end);
            throw new ReportTemplateException($"{cssName}:{line}:{column}: a stylesheet must not contain \"</style\"");
        }

        // The page rule joins the one stylesheet, so the policy still names a single hash.
        string? page = PageRule(reportId);
        string sheet = page is null ? css : css + "\n" + page + "\n";
        return "<meta charset=\"utf-8\">\n" +
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '" + StyleHash(sheet) +
               "'; img-src data:; base-uri 'none'; form-action 'none'\">\n" +
               "<meta name=\"referrer\" content=\"no-referrer\">\n" +
               "<style>" + sheet + "</style>";
    }

    /// <summary>
    /// The print rule that puts the report id on every page. Only [A-Za-z0-9-] reach the CSS
    /// string, so no id can end it or the style element; null when nothing is left.
    /// </summary>
    internal static string? PageRule(string? reportId)
    {
        string id = new((reportId ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(64).ToArray());
        return id.Length == 0
            ? null
            : "@page { @top-right { content: \"Report " + id + "\"; font-size: 8pt; } " +
              "@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font-size: 8pt; } }";
    }
}
