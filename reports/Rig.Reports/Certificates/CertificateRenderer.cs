using System.Text;
using HandlebarsDotNet;
using Rig.Reports.Rendering;
using Rig.Reports.Text;

namespace Rig.Reports.Certificates;

/// <summary>
/// Renders certificate.html from the built-in template: the report's protections apply (the
/// template lint, HTML escaping proven before use, the same head with its Content-Security-Policy,
/// the output lint): no script, nothing loaded from outside; the label is inlined as SVG.
/// </summary>
public static class CertificateRenderer
{
    public const string FileName = "certificate.html";
    private const string HtmlFile = "certificate.html.hbs";
    private const string CssFile = "certificate.css";
    private const string HeadHelper = "certificateHead";
    private const string LabelHelper = "certificateLabel";
    private const int MaxField = 1024;

    private static readonly Lazy<(string Source, string Css, HandlebarsTemplate<object, object> Render)> Template = new(Compile);

    public static byte[] Render(CertificateModel model, string labelSvg) => new UTF8Encoding(false).GetBytes(RenderText(model, labelSvg));

    public static string RenderText(CertificateModel model, string labelSvg)
    {
        ArgumentNullException.ThrowIfNull(model);
        (string source, string css, HandlebarsTemplate<object, object> render) = Template.Value;
        string html = render(View(model) with { LabelMarkup = labelSvg });
        string head = DocumentHead.Build(CssFile, css);
        if (!html.StartsWith("<!doctype html>", StringComparison.OrdinalIgnoreCase) || html.IndexOf(head, StringComparison.Ordinal) < 0)
        {
            throw new ReportTemplateException($"built-in {HtmlFile}: the certificate must start with <!doctype html> and its head");
        }

        OutputLint.Check("built-in " + HtmlFile, source, html);
        return html;
    }

    private static (string, string, HandlebarsTemplate<object, object>) Compile()
    {
        string source = TemplateSource.Resource(HtmlFile);
        string css = TemplateSource.Resource(CssFile);
        TemplateLint.Check("built-in " + HtmlFile, source);
        string head = DocumentHead.Build(CssFile, css);
        IHandlebars handlebars = EscapingHandlebars.Create(CertificateViewDescriptors.All);
        handlebars.RegisterHelper(HeadHelper, (writer, _, _) => writer.WriteSafeString(head));
        handlebars.RegisterHelper(LabelHelper, (writer, context, _) =>
        {
            if (context.Value is CertificateView { LabelMarkup: { Length: > 0 } svg })
            {
                writer.WriteSafeString(svg);
            }
        });
        return (source, css, handlebars.Compile(source));
    }

    private static CertificateView View(CertificateModel m) => new(
        F(m.CertificateId),
        F(m.ReportId),
        F(m.ReportSha256),
        F(m.Issued),
        F(m.ValidUntil),
        F(m.ValidityReason),
        O(m.SupportUntil),
        m.UpdatesWork ? "a secure update mechanism was shown to work (every update plan passed)" : "no working secure update mechanism was shown: the scheme's short validity applies",
        F(m.Manufacturer),
        F(m.Model),
        O(m.FirmwareVersion),
        O(m.HardwareRevision),
        O(m.Serial),
        F(m.Level.Id),
        F(m.Level.Title),
        F(m.Level.Standard),
        F(m.Level.Scheme),
        F(m.Level.SchemeVersion),
        F(m.Level.SchemeSha256),
        [.. m.DeskReview.Select(F)],
        Light(m.Status),
        F(m.RegistryUrl),
        F(m.Lab.Name),
        O(m.Lab.AccreditationId),
        F(m.Signer.Name),
        F(m.Signer.KeyFingerprint));

    /// <summary>The light's words and CSS class; the class is always one of the fixed states.</summary>
    internal static StatusView Light(CertificateStatus status) => status.State switch
    {
        CertificateStatus.WarningState => new StatusView("WARNING: known vulnerabilities", CertificateStatus.WarningState, [.. status.Ids.Select(F)], F(status.Basis)),
        CertificateStatus.ExpiredState => new StatusView("EXPIRED", CertificateStatus.ExpiredState, [.. status.Ids.Select(F)], F(status.Basis)),
        CertificateStatus.RevokedState => new StatusView("REVOKED by the lab", CertificateStatus.RevokedState, [.. status.Ids.Select(F)], F(status.Basis)),
        _ => new StatusView("VALID: no warning", CertificateStatus.ValidState, [], F(status.Basis)),
    };

    private static string F(string? text) => DeviceText.Show(text, MaxField) ?? "";

    private static string? O(string? text) => string.IsNullOrEmpty(text) ? null : F(text);
}
