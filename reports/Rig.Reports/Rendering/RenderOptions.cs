namespace Rig.Reports.Rendering;

/// <summary>How a report is rendered.</summary>
/// <param name="TemplateDir">
/// A lab's own template: a folder with report.html.hbs and optionally report.css (the built-in
/// stylesheet is used when it has none). Null renders with the built-in template.
/// </param>
public sealed record RenderOptions(string? TemplateDir = null);
