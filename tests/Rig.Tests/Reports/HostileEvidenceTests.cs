using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

public class HostileEvidenceTests
{
    private static readonly string[] TemplateTags =
    [
        "html", "head", "meta", "title", "style", "body", "header", "footer", "section", "div", "h1", "h2", "h3",
        "p", "span", "table", "thead", "tbody", "tr", "th", "td", "br", "pre", "code",
    ];

    private byte[] _bytes = [];
    private string _html = "";

    [OneTimeSetUp]
    public void RenderOnce()
    {
        _bytes = new ReportRenderer().Render(SampleReports.Hostile());
        _html = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_bytes); // throws if not valid UTF-8
    }

    [Test]
    public void NoDeviceMarkupSurvives()
    {
        Assert.That(_html, Does.Not.Contain("<script").IgnoreCase);
        Assert.That(_html, Does.Not.Contain("<img").IgnoreCase);
        Assert.That(_html, Does.Not.Contain("<b>"));
        Assert.That(_html, Does.Not.Contain("<meta http-equiv=\"refresh\"").IgnoreCase);
        Assert.That(_html, Does.Not.Contain("href=").And.Not.Contain("src=").And.Not.Contain("onerror="));
    }

    [Test]
    public void DeviceMarkupIsShownAsEscapedText()
    {
        Assert.That(_html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(_html, Does.Contain("&lt;meta http-equiv&#x3D;&quot;refresh&quot;"));
        Assert.That(_html, Does.Contain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"));
        Assert.That(_html, Does.Contain("banner said &lt;script&gt;alert(2)&lt;/script&gt;"));
        Assert.That(_html, Does.Contain("Console &lt;b&gt;hostile&lt;/b&gt;"));
    }

    [Test]
    public void OnlyTheTemplatesOwnElementsAppear()
    {
        IReadOnlyList<HtmlScan.Tag> tags = HtmlScan.Tags(_html);
        Assert.That(tags.Select(t => t.Name).Distinct(), Is.SubsetOf(TemplateTags));
        int headEnd = HtmlScan.HeadEnd(_html);
        Assert.That(tags.Where(t => t.Name == "meta").Select(t => t.Index), Has.All.LessThan(headEnd), "a <meta> outside <head>");
        Assert.That(tags.Count(t => t.Name == "meta"), Is.EqualTo(3));
        Assert.That(tags.Count(t => t.Name == "style" && !t.Closing), Is.EqualTo(1));
        Assert.That(tags.Count(t => t.Name == "head" && !t.Closing), Is.EqualTo(1));
    }

    [Test]
    public void TerminalControlsAndBidiOverridesAreVisibleNotActive()
    {
        Assert.That(_html, Does.Not.Contain("\u001b"));
        Assert.That(_html, Does.Not.Contain("\0"));
        Assert.That(_html, Does.Not.Contain("\u202E").And.Not.Contain("\u2066"));
        Assert.That(_html, Does.Contain("verdict: &lt;U+202E&gt;PASS&lt;U+202C&gt;"));
        Assert.That(_html, Does.Contain("\u2400byte\u2400"));
        Assert.That(_html, Does.Contain("RED &lt;OSC&gt; &lt;OSC&gt;link&lt;OSC&gt;"));
        Assert.That(_html, Does.Contain("\uFFFD(\uFFFD"));
    }

    [Test]
    public void TheMegabyteLineIsCutWithAMarker()
    {
        Assert.That(_html, Does.Match(@"\d+ more bytes not shown"));
        Assert.That(_bytes.Length, Is.LessThan(256 * 1024));
        Assert.That(_html, Does.Contain(new string('A', 1000)));
    }

    [Test]
    public void TheCspHashIsTheHashOfTheStyleElement()
    {
        Match csp = Regex.Match(_html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");
        Assert.That(csp.Success, "no CSP meta");
        string style = HtmlScan.Style(_html);
        string expected = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        Assert.That(csp.Groups[1].Value, Is.EqualTo(
            $"default-src 'none'; style-src 'sha256-{expected}'; img-src data:; base-uri 'none'; form-action 'none'"));
    }

    [Test]
    public void TheCspComesFirstAfterTheCharset()
    {
        Assert.That(_html, Does.StartWith(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\""));
        Assert.That(_html, Does.Contain("<meta name=\"referrer\" content=\"no-referrer\">"));
    }
}
