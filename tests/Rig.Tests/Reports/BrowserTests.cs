using System.Buffers.Binary;
using System.Text;
using Rig.Reports.Model;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

/// <summary>
/// A hostile console rendered into a report and opened in headless Chromium: it shows as inert
/// text, no script runs, nothing navigates. Control pages with the same payload unescaped prove
/// each detector would notice.
/// </summary>
public class BrowserTests
{
    private TempDir _dir = null!;
    private Tripwire _tripwire = null!;

    [SetUp]
    public void Start()
    {
        if (Chromium.Executable is null)
        {
            Assert.Fail("chromium is not installed: run scripts/install-test-deps.sh");
        }

        _dir = new TempDir();
        _tripwire = new Tripwire();
    }

    [TearDown]
    public void Stop()
    {
        _tripwire.Dispose();
        _dir.Dispose();
    }

    // The markers are assembled at run time, so the page's source (shown as text) never contains them.
    private static string Script => "<script>document.title='PW'+'NED';document.body.insertAdjacentText('afterbegin','SCRIPT'+'-RAN')</script>";

    private string Refresh => $"<meta http-equiv=\"refresh\" content=\"0;url={_tripwire.Url}navigated\">";

    [Test]
    public void AHostileConsoleIsInertTextInTheBrowser()
    {
        byte[] huge = Enumerable.Repeat((byte)'A', SampleReports.HugeLineBytes).ToArray(); // 1 MiB, no newline
        EvidenceLine[] lines =
        [
            Line(1, Script + "\n"),
            Line(2, Refresh + "\n"),
            Line(3, $"<img src=\"{_tripwire.Url}img\">\n"),
            Line(4, "\u001b[1;31mRED\u001b[0m \u001b]0;pwned title\u0007\n"),
            new EvidenceLine(5_000_000, "rx", [0xC3, 0x28, 0xFF, 0xFE, (byte)'\n']),
            new EvidenceLine(6_000_000, "rx", huge),
        ];
        ReportModel model = SampleReports.Ordinary();
        model = model with { Plans = [model.Plans[0] with { Evidence = [new Evidence("Boot console", EvidenceKinds.Console, lines)] }, model.Plans[1]] };
        string page = _dir.File("report.html");
        File.WriteAllBytes(page, new ReportRenderer().Render(model));

        Chromium.Result r = Chromium.Load(page, _dir.Path, screenshot: true);

        Assert.That(r.Exit, Is.Zero, r.Stderr);
        Assert.That(r.Dom, Does.Contain("<title>Test Report " + SampleReports.ReportId + "</title>"), "still the report, under its own title");
        Assert.That(r.Dom, Does.Not.Contain("PWNED").And.Not.Contain("SCRIPT-RAN"), "a script ran");
        Assert.That(r.Dom, Does.Not.Contain("<script").IgnoreCase.And.Not.Contain("<img").IgnoreCase);
        Assert.That(r.Dom, Does.Contain("&lt;script&gt;document.title='PW'+'NED'"), "the script is shown as text");
        Assert.That(r.Dom, Does.Contain("&lt;meta http-equiv=\"refresh\""), "the refresh is shown as text");
        Assert.That(r.Dom, Does.Contain("AAAAAAAA"), "the huge line is shown, cut");
        Assert.That(r.Dom, Does.Not.Contain("\u001b"), "no raw escape sequence reaches the page");
        Assert.That(_tripwire.Requests, Is.Empty, "the page reached the network");
        AssertScreenshot(r.Screenshot);
    }

    [Test]
    public void ControlTheSameScriptUnescapedRunsAndIsNoticed()
    {
        string page = _dir.Write("control.html", "<!doctype html><html><head><title>control</title></head><body><p>x</p>" + Script + "</body></html>");

        Chromium.Result r = Chromium.Load(page, _dir.Path);

        Assert.That(r.Dom, Does.Contain("<title>PWNED</title>").And.Contain("SCRIPT-RAN"));
    }

    [Test]
    public void ControlTheSameRefreshUnescapedNavigatesAndIsNoticed()
    {
        string page = _dir.Write("control.html", "<!doctype html><html><head><title>control</title></head><body><p>x</p>" + Refresh + "</body></html>");

        Chromium.Result r = Chromium.Load(page, _dir.Path);

        // The tripwire is the detector; the dumped DOM is not checked here because Chromium
        // sometimes dumps nothing for a page that navigates away while it is being dumped.
        Assert.That(r.Exit, Is.Zero, r.Stderr);
        Assert.That(_tripwire.Requests, Has.Some.StartsWith("GET /navigated "));
    }

    private static EvidenceLine Line(long ms, string text) => new(ms * 1_000_000, "rx", Encoding.UTF8.GetBytes(text));

    private static void AssertScreenshot(string path)
    {
        Assert.That(File.Exists(path), Is.True, "no screenshot");
        byte[] png = File.ReadAllBytes(path);
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(1024), "width");
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), Is.EqualTo(768), "height");
        Assert.That(png.Length, Is.GreaterThan(10_000), "a blank page compresses to a few KiB; a rendered report does not");
    }
}
