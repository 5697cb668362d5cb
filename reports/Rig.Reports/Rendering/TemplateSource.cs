using System.Text;

namespace Rig.Reports.Rendering;

/// <summary>The text of a report template and its stylesheet, with the names errors should show.</summary>
internal sealed record TemplateSource(string HtmlName, string Html, string CssName, string Css)
{
    public const string HtmlFile = "report.html.hbs";
    public const string CssFile = "report.css";
    private const int MaxTemplateBytes = 1024 * 1024;

    /// <summary>The template shipped inside this assembly.</summary>
    public static TemplateSource BuiltIn() => new(
        "built-in " + HtmlFile, Resource(HtmlFile), "built-in " + CssFile, Resource(CssFile));

    /// <summary>A lab's template folder; its stylesheet is optional.</summary>
    public static TemplateSource FromDirectory(string directory)
    {
        string html = Path.Combine(directory, HtmlFile);
        string css = Path.Combine(directory, CssFile);
        return File.Exists(css)
            ? new TemplateSource(html, ReadFile(html), css, ReadFile(css))
            : new TemplateSource(html, ReadFile(html), "built-in " + CssFile, Resource(CssFile));
    }

    internal static string Resource(string name)
    {
        using Stream stream = typeof(TemplateSource).Assembly.GetManifestResourceStream("Rig.Reports.Templates." + name)
            ?? throw new ReportTemplateException($"built-in {name}: missing from the assembly (a build problem)");
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return Normalise(reader.ReadToEnd());
    }

    private static string ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxTemplateBytes)
            {
                throw new ReportTemplateException($"{path}: {info.Length} bytes is too large for a report template (limit 1 MiB)");
            }

            return Normalise(File.ReadAllText(path, new UTF8Encoding(false)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportTemplateException($"{path}: cannot read the report template ({Reason(e)})", e);
        }
    }

    // Output must have \n line endings whatever editor wrote the template.
    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
