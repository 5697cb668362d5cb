using System.Text.RegularExpressions;

namespace Rig.Reports.Rendering;

/// <summary>
/// Checks a rendered report, not only its template: no script, no refresh or other http-equiv
/// besides the policy, no frame or plug-in, no event handler, and nothing loaded from outside
/// (every src is data:, every link in-page), anywhere in the document, before &lt;head&gt; too.
/// Device text is escaped before this runs, so only real markup can match.
/// </summary>
internal static partial class OutputLint
{
    private static readonly string[] ForbiddenElements = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "portal", "form"];
    private static readonly string[] LoadAttributes = ["src", "srcset", "poster", "background", "data", "action", "formaction", "ping", "manifest", "longdesc", "cite", "lowsrc", "dynsrc"];

    /// <summary>Throws a <see cref="ReportTemplateException"/> at the template's line and column (when it can be found there) of the first forbidden construct.</summary>
    /// <param name="relativeLinks">Also allow href to a relative path within the site (a registry page's links to its signed files); never a scheme, "//" or "/".</param>
    public static void Check(string templateName, string template, string html, bool relativeLinks = false)
    {
        foreach (Match tag in Tag().Matches(html))
        {
            string name = tag.Groups["name"].Value.ToLowerInvariant();
            string attrs = tag.Groups["attrs"].Value;
            if (Array.IndexOf(ForbiddenElements, name) >= 0)
            {
                Fail(templateName, template, html, tag.Index, "<" + name, $"<{name}> is not allowed in a report");
            }

            foreach (Match a in Attribute().Matches(attrs))
            {
                string attr = a.Groups["attr"].Value.ToLowerInvariant();
                string value = System.Net.WebUtility.HtmlDecode(a.Groups["value"].Value).Trim();
                if (attr.StartsWith("on", StringComparison.Ordinal))
                {
                    Fail(templateName, template, html, tag.Index, a.Value, $"event handler {attr}= is script; not allowed in a report");
                }

                bool inPage = value.StartsWith('#') || (relativeLinks && attr == "href" && IsRelative(value));
                bool data = value.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
                if ((attr is "href" or "xlink:href" && !inPage) || (Array.IndexOf(LoadAttributes, attr) >= 0 && !data && !inPage))
                {
                    Fail(templateName, template, html, tag.Index, a.Value, $"{attr}=\"{Short(value)}\" refers outside the report; only in-page links and data: are allowed");
                }

                if (name == "meta" && attr == "http-equiv" && !value.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
                {
                    Fail(templateName, template, html, tag.Index, a.Value, $"<meta http-equiv=\"{Short(value)}\"> is not allowed (a refresh leaves the report)");
                }

                if (attr == "style")
                {
                    CheckCss(templateName, template, html, tag.Index, value);
                }
            }
        }

        foreach (Match style in StyleElement().Matches(html))
        {
            CheckCss(templateName, template, html, style.Index, style.Groups["css"].Value);
        }
    }

    /// <summary>A path relative to the page: no scheme (nothing before a ':' that precedes any '/'), not rooted, not "//".</summary>
    private static bool IsRelative(string href)
    {
        int colon = href.IndexOf(':', StringComparison.Ordinal);
        int slash = href.IndexOf('/', StringComparison.Ordinal);
        return href.Length > 0 && !href.StartsWith('/') && !href.StartsWith('\\') && (colon < 0 || (slash >= 0 && slash < colon));
    }

    private static void CheckCss(string templateName, string template, string html, int at, string css)
    {
        Match bad = ExternalCss().Match(css);
        if (bad.Success)
        {
            Fail(templateName, template, html, at, bad.Value, $"a stylesheet loads \"{Short(bad.Value)}\" from outside the report; only data: is allowed");
        }
    }

    private static void Fail(string templateName, string template, string html, int outputIndex, string token, string reason)
    {
        int inTemplate = template.IndexOf(token, StringComparison.OrdinalIgnoreCase);
        if (inTemplate >= 0)
        {
            (int line, int column) = TemplateLint.Position(template, inTemplate);
            throw new ReportTemplateException($"{templateName}:{line}:{column}: {reason}");
        }

        (int outLine, int outColumn) = TemplateLint.Position(html, outputIndex);
        throw new ReportTemplateException($"{templateName}:1:1: {reason} (rendered output line {outLine}, column {outColumn})");
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "...";

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9:-]*)(?<attrs>[^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<attr>[^\s""'=/<>]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]+))", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<style[^>]*>(?<css>.*?)</style", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@"@import|url\(\s*(?!['""]?\s*(?:data:|#))[^)]*\)|image-set\(|expression\(", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ExternalCss();
}
