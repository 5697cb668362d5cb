using HandlebarsDotNet;
using Rig.Reports;
using Rig.Reports.Model;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

public class ReportRendererTests
{
    [Test]
    public void TheSameModelRendersTheSameBytes()
    {
        byte[] first = new ReportRenderer().Render(SampleReports.Ordinary());
        byte[] second = new ReportRenderer().Render(SampleReports.Ordinary());
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void OutputIsUtf8WithoutBomAndWithNewlineEndings()
    {
        byte[] bytes = new ReportRenderer().Render(SampleReports.Ordinary());
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(bytes, Does.Not.Contain((byte)'\r'));
        Assert.That(bytes[^1], Is.EqualTo((byte)'\n'));
    }

    [Test]
    public void TheReportStatesWhatACertificateMust()
    {
        string html = new ReportRenderer().RenderText(SampleReports.Ordinary());
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>Test Report</h1>"));
            Assert.That(html, Does.Contain($"Report <span class=\"mono\">{SampleReports.ReportId}</span>"));
            Assert.That(html, Does.Contain($"End of report <span class=\"mono\">{SampleReports.ReportId}</span>"));
            Assert.That(html, Does.Contain("The results relate only to the item tested."));
            Assert.That(html, Does.Contain("Example Test Lab").And.Contain("D-PL-12345-01-00"));
            Assert.That(html, Does.Contain("Acme").And.Contain("Cam 3000").And.Contain("acme-cam3000.yaml"));
            Assert.That(html, Does.Contain("slot-2").And.Contain("/dev/ttyUSB0</span>, 115200 8N1"));
            Assert.That(html, Does.Contain("2026-11-21 10:00:00 UTC").And.Contain("2026-11-21 10:42:07 UTC"));
            Assert.That(html, Does.Contain("issued 2026-11-21 10:45:24 UTC"), "issue time converted to UTC");
            Assert.That(html, Does.Contain("<td>EN 303 645 5.1-1; EN 303 645 5.6-1</td>"));
            Assert.That(html, Does.Contain("<span class=\"verdict fail\">FAIL</span>"));
            Assert.That(html, Does.Contain("<span class=\"verdict pass\">PASS</span>"));
            Assert.That(html, Does.Contain("telnet accepted root:xc3511"));
            Assert.That(html, Does.Contain("boot \u2192 sweep \u2192 found"));
            Assert.That(html, Does.Contain("plans/cred-01.yaml<br><span class=\"digest\">SHA-256 " + new string('c', 64)));
            Assert.That(html, Does.Contain("wordlists/mirai.txt<br><span class=\"digest\">SHA-256 " + new string('d', 64)));
            Assert.That(html, Does.Contain("<span class=\"time\">   +12.345 s</span> <span class=\"dir\">rx</span> U-Boot 2024.01\n"));
            Assert.That(html, Does.Contain("<span class=\"dir\">tx</span> root\n"));
            Assert.That(html, Does.Contain("A. Tester, technical manager"));
            Assert.That(html, Does.Contain($"<code id=\"signer-key-fingerprint\">{SampleReports.Fingerprint}</code>"));
            Assert.That(html, Does.Contain("@page { size: A4"));
        });
    }

    [Test]
    public void OptionalFieldsAndEmptyListsRender()
    {
        ReportModel model = SampleReports.Ordinary() with { Plans = [] };
        model = model with
        {
            Lab = model.Lab with { AccreditationId = null },
            Device = model.Device with { FirmwareVersion = null, Serial = null },
        };

        string html = new ReportRenderer().RenderText(model);

        Assert.That(html, Does.Not.Contain("Accreditation").And.Not.Contain("Firmware").And.Not.Contain("Serial number"));
        Assert.That(html, Does.Contain("<tbody>\n</tbody>"));
        Assert.That(html, Does.Contain("End of report"));
    }

    [Test]
    public void TheEscapingSelfTestRefusesTheLegacyEncoder()
    {
        IHandlebars legacy = Handlebars.Create(new HandlebarsConfiguration { TextEncoder = new HtmlEncoderLegacy() });
        IHandlebars current = Handlebars.Create(new HandlebarsConfiguration());

        var e = Assert.Throws<InvalidOperationException>(() => ReportTemplate.EscapingSelfTest(legacy));
        Assert.That(e!.Message, Does.Contain("refusing to render reports"));
        Assert.DoesNotThrow(() => ReportTemplate.EscapingSelfTest(current));
    }

    [Test]
    public void AnUnknownVerdictIsShownAsUnknown()
    {
        string html = new ReportRenderer().RenderText(SampleReports.Ordinary() with { Overall = "passed\"><b>" });
        Assert.That(html, Does.Contain("<span class=\"verdict unknown\">UNKNOWN VERDICT passed&quot;&gt;&lt;b&gt;</span>"));
    }

    [Test]
    public void ATripleStashTemplateIsRefusedWithFileLineAndColumn()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"), "<!doctype html>\n<html><head>{{reportHead}}</head>\n<body>\n  <p>{{{reason}}}</p>\n</body></html>\n");

        var e = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(dir.Path)));
        Assert.That(e!.Message, Does.StartWith(dir.File("report.html.hbs") + ":4:6: raw output \"{{{\""));
    }

    [Test]
    public void AnAmpersandTemplateIsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"), "<!doctype html>\r\n{{reportHead}}{{& title}}");

        var e = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(dir.Path)));
        Assert.That(e!.Message, Does.StartWith(dir.File("report.html.hbs") + ":2:15: raw output \"{{&\""));
    }

    [Test]
    public void ASimpleLabTemplateRendersWithItsOwnHashedStylesheet()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"),
            "<!doctype html>\n<html><head>\n{{reportHead}}\n<title>{{reportId}}</title></head>\n<body><h1>{{lab.name}}</h1>\n" +
            "{{#each plans}}<p>{{id}}: {{verdict.text}} ({{reason}})</p>\n{{/each}}</body></html>\n");
        File.WriteAllText(dir.File("report.css"), "h1 > span { color: \"navy\"; }\n");

        string html = new ReportRenderer(new RenderOptions(dir.Path)).RenderText(SampleReports.Hostile());

        Assert.That(html, Does.Contain("<h1>Example Test Lab</h1>"));
        Assert.That(html, Does.Contain("<p>CRED-01: FAIL (banner said &lt;script&gt;"));
        string sheet = "h1 > span { color: \"navy\"; }\n\n" + DocumentHead.PageRule(SampleReports.ReportId) + "\n";
        Assert.That(html, Does.Contain("<style>" + sheet + "</style>"));
        Assert.That(html, Does.Contain("style-src '" + DocumentHead.StyleHash(sheet) + "'"));
    }

    [Test]
    public void ALabTemplateWithoutTheHeadIsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"), "<!doctype html>\n<html><head><meta http-equiv=\"refresh\" content=\"0\">{{reportHead}}</head></html>\n");

        var e = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(dir.Path)).Render(SampleReports.Ordinary()));
        Assert.That(e!.Message, Does.StartWith(dir.File("report.html.hbs") + ": a report template must start with <!doctype html> and call {{reportHead}} once, first in <head>"));
    }

    [Test]
    public void AMisspeltFieldIsAnErrorNamingTheTemplate()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"), "<!doctype html>\n<html><head>{{reportHead}}</head><body>{{lab.nmae}}</body></html>\n");

        var e = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(dir.Path)).Render(SampleReports.Ordinary()));
        Assert.That(e!.Message, Does.StartWith(dir.File("report.html.hbs") + ": ").And.Contain("nmae"));
    }

    [Test]
    public void AStylesheetThatClosesTheStyleElementIsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"), "<!doctype html>\n<html><head>{{reportHead}}</head></html>\n");
        File.WriteAllText(dir.File("report.css"), "p { }\n</STYLE><script>x</script>\n");

        var e = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(dir.Path)));
        Assert.That(e!.Message, Does.StartWith(dir.File("report.css") + ":2:1: "));
    }

    [Test]
    public void AMissingTemplateFolderNamesThePath()
    {
        using var dir = new TempDir();
        string missing = Path.Combine(dir.Path, "nope");
        var e = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(missing)));
        Assert.That(e!.Message, Is.EqualTo(Path.Combine(missing, "report.html.hbs") + ": cannot read the report template (no such directory)"));
    }
}
