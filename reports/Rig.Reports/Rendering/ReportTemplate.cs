using System.Globalization;
using HandlebarsDotNet;

namespace Rig.Reports.Rendering;

/// <summary>
/// A compiled report template. Compiling lints the source, builds the document head for its
/// stylesheet and proves the engine escapes HTML before anything is rendered with it.
/// </summary>
internal sealed class ReportTemplate
{
    /// <summary>The helper a template calls first in &lt;head&gt;: {{reportHead}}.</summary>
    public const string HeadHelper = "reportHead";

    /// <summary>The helper that draws a plan's state machine, inside {{#each plans}}: {{planDiagram}}.</summary>
    public const string DiagramHelper = "planDiagram";

    /// <summary>The helper that draws the slot's timeline, at the top level: {{slotTimeline}}.</summary>
    public const string TimelineHelper = "slotTimeline";

    private readonly HandlebarsTemplate<object, object> _render;
    private readonly string _cssName;
    private readonly string _css;
    private readonly string _source;

    private ReportTemplate(string name, string source, string cssName, string css, HandlebarsTemplate<object, object> render)
    {
        Name = name;
        _source = source;
        _cssName = cssName;
        _css = css;
        _render = render;
    }

    /// <summary>The template file, for error messages.</summary>
    public string Name { get; }

    public static ReportTemplate Compile(TemplateSource source)
    {
        TemplateLint.Check(source.HtmlName, source.Html);
        DocumentHead.Build(source.CssName, source.Css); // refuses a bad stylesheet before any render
        IHandlebars handlebars = Handlebars.Create(ViewDescriptors.Report.AddTo(new HandlebarsConfiguration
        {
            TextEncoder = new HtmlEncoder(), // never the legacy encoder, never NoEscape
            ThrowOnUnresolvedBindingExpression = true, // a misspelt field is an error, not a blank
            FormatProvider = CultureInfo.InvariantCulture,
        }));
        EscapingSelfTest(handlebars);
        // The only raw markup in a report: built by the renderer from the view it is given.
        handlebars.RegisterHelper(HeadHelper, (writer, context, _) =>
            writer.WriteSafeString(DocumentHead.Build(source.CssName, source.Css, (context.Value as ReportView)?.ReportId)));
        handlebars.RegisterHelper(DiagramHelper, (writer, context, _) =>
        {
            if (context.Value is PlanView { DiagramMarkup: { } svg })
            {
                writer.WriteSafeString(svg);
            }
        });
        handlebars.RegisterHelper(TimelineHelper, (writer, context, _) =>
        {
            if (context.Value is ReportView { TimelineMarkup: { } svg })
            {
                writer.WriteSafeString(svg);
            }
        });
        try
        {
            return new ReportTemplate(source.HtmlName, source.Html, source.CssName, source.Css, handlebars.Compile(source.Html));
        }
        catch (Exception e) when (e is HandlebarsException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or InvalidCastException or KeyNotFoundException)
        {
            // Handlebars.Net reports some malformed templates ({{#if}} without a condition) with plain exceptions.
            throw new ReportTemplateException($"{source.HtmlName}: the template does not compile: {OneLine(e.Message)}", e);
        }
    }

    /// <summary>Renders the view and checks the document starts the way every report must.</summary>
    public string Render(ReportView view)
    {
        string html;
        try
        {
            html = _render(view);
        }
        catch (Exception e) when (e is HandlebarsException or HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException
                                       or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or InvalidCastException or KeyNotFoundException)
        {
            throw new ReportTemplateException($"{Name}: {OneLine(e.Message)}", e);
        }

        CheckFrame(html, DocumentHead.Build(_cssName, _css, view.ReportId));
        OutputLint.Check(Name, _source, html);
        return html;
    }

    // A downgraded package or a legacy encoder leaves ' unescaped; refuse to render at all then.
    internal static void EscapingSelfTest(IHandlebars handlebars)
    {
        string got = handlebars.Compile("{{x}}")(new Dictionary<string, object> { ["x"] = "'" });
        if (got != "&#x27;")
        {
            throw new InvalidOperationException(
                $"the template engine renders ' as \"{got}\" instead of &#x27;: its HTML escaping is incomplete; refusing to render reports");
        }
    }

    // The CSP only protects what follows it, so the head must open the document, exactly once.
    private void CheckFrame(string html, string head)
    {
        const string Doctype = "<!doctype html>";
        int headTag = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        int at = headTag + "<head>".Length;
        while (headTag >= 0 && at < html.Length && char.IsWhiteSpace(html[at]))
        {
            at++;
        }

        bool ok = html.StartsWith(Doctype, StringComparison.OrdinalIgnoreCase)
                  && headTag >= 0
                  && string.CompareOrdinal(html, at, head, 0, head.Length) == 0
                  && html.IndexOf(head, at + 1, StringComparison.Ordinal) < 0;
        if (!ok)
        {
            throw new ReportTemplateException(
                $"{Name}: a report template must start with {Doctype} and call {{{{{HeadHelper}}}}} once, first in <head>");
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
