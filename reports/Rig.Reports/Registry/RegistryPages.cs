using System.Text;
using HandlebarsDotNet;
using Rig.Reports.Rendering;

namespace Rig.Reports.Registry;

/// <summary>
/// Renders the registry's pages from the built-in templates with the report's protections: the
/// template lint, HTML escaping proven before use, the same head and Content-Security-Policy, and
/// the output lint (no script, nothing loaded from outside), which here also lets links reach
/// other files of the site by relative paths.
/// </summary>
internal static class RegistryPages
{
    private const string IndexFile = "registry-index.html.hbs";
    private const string EntryFile = "registry-entry.html.hbs";
    private const string CssFile = "registry.css";
    private const string HeadHelper = "registryHead";
    private const string LabelHelper = "registryLabel";

    private static readonly Lazy<Compiled> Index = new(() => Compile(IndexFile));
    private static readonly Lazy<Compiled> Entry = new(() => Compile(EntryFile));

    public static byte[] Render(IndexView view) => Render(Index.Value, view);

    public static byte[] Render(EntryView view) => Render(Entry.Value, view);

    private static byte[] Render(Compiled t, object view)
    {
        string html = t.Render(view);
        OutputLint.Check("built-in " + t.Name, t.Source, html, relativeLinks: true);
        return new UTF8Encoding(false).GetBytes(html);
    }

    private static Compiled Compile(string name)
    {
        string source = TemplateSource.Resource(name);
        string css = TemplateSource.Resource(CssFile);
        TemplateLint.Check("built-in " + name, source);
        string head = DocumentHead.Build(CssFile, css);
        IHandlebars handlebars = EscapingHandlebars.Create(RegistryViewDescriptors.All);
        handlebars.RegisterHelper(HeadHelper, (writer, _, _) => writer.WriteSafeString(head));
        handlebars.RegisterHelper(LabelHelper, (writer, context, _) =>
        {
            if (context.Value is EntryView { LabelMarkup: { Length: > 0 } svg })
            {
                writer.WriteSafeString(svg); // drawn by LabelSvg, which escapes every text
            }
        });
        HandlebarsTemplate<object, object> render = handlebars.Compile(source);
        return new Compiled(name, source, v => render(v));
    }

    private sealed record Compiled(string Name, string Source, Func<object, string> Render);
}
