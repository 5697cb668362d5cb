using System.Text;
using Rig.Reports.Model;

namespace Rig.Reports.Rendering;

/// <summary>
/// Renders a <see cref="ReportModel"/> as a self-contained HTML document: one hashed stylesheet,
/// no scripts, no external references, device text made safe and escaped. The same model gives
/// the same bytes.
/// </summary>
public sealed class ReportRenderer
{
    private static readonly Lazy<ReportTemplate> BuiltIn = new(() => ReportTemplate.Compile(TemplateSource.BuiltIn()));
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReportTemplate _template;

    /// <summary>A renderer with the built-in template.</summary>
    public ReportRenderer() : this(new RenderOptions()) { }

    /// <summary>
    /// A renderer with the template <paramref name="options"/> names, compiled once here.
    /// Throws <see cref="ReportTemplateException"/> for a template that is unreadable, writes raw
    /// output, or does not parse.
    /// </summary>
    public ReportRenderer(RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _template = options.TemplateDir is null
            ? BuiltIn.Value
            : ReportTemplate.Compile(TemplateSource.FromDirectory(options.TemplateDir));
    }

    /// <summary>The template file this renderer uses.</summary>
    public string TemplateName => _template.Name;

    /// <summary>
    /// Renders <see cref="SampleReport"/> and lints the output: a template that cannot render, or
    /// renders script, a refresh or an outside reference, fails here, before any device is powered.
    /// </summary>
    /// <exception cref="ReportTemplateException">The template's first problem, with file:line:col.</exception>
    public void Rehearse() => RenderText(SampleReport.Model());

    /// <summary>The report as UTF-8 bytes without a BOM: exactly what gets written and signed.</summary>
    public byte[] Render(ReportModel model) => Utf8.GetBytes(RenderText(model));

    /// <summary>The report as text, "\n" line endings.</summary>
    public string RenderText(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _template.Render(ReportViewBuilder.Build(model));
    }
}
