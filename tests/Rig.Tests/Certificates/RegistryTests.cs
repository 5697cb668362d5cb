using System.Text.RegularExpressions;
using Rig.Reports.Attestation;
using Rig.Reports.Certificates;
using Rig.Reports.Model;
using Rig.Reports.Registry;
using Rig.Reports.Rendering;
using Rig.Reports.Signing;
using Rig.Tests.Cli;
using Rig.Tests.Reports;

namespace Rig.Tests.Certificates;

/// <summary>
/// The real rig builds a registry site from three certificates signed by one lab (one valid, one
/// with a warning and a hostile manufacturer name, one past its last day); headless Chromium
/// loads its pages: nothing runs, nothing is fetched, a manufacturer's page lists only its own
/// certificates, every link reaches a file of the site, and openssl checks the published files.
/// </summary>
public partial class RegistryTests
{
    private const string Base = "https://registry.lab.example/";
    private TempDir _dir = null!;
    private Tripwire _tripwire = null!;
    private LabKey _key = null!;

    private string Hostile => $"<script>document.title='PW'+'NED'</script><img src=\"{_tripwire.Url}img\">Evil & Co";

    [SetUp]
    public void Start()
    {
        _dir = new TempDir();
        _tripwire = new Tripwire();
        _key = LabKeys.New(_dir["lab.key.pem"], _dir["lab.pub.pem"]);
        Certificate("LAB42-2027-0001", "Acme", CertificateStatus.Checked("2 component(s) matched against sample: none affected"), "2028-12-31");
        Certificate("LAB42-2027-0002", Hostile, CertificateStatus.Warning(["CVE-2026-0001"]), "2028-12-31");
        Certificate("LAB42-2027-0003", "Acme", CertificateStatus.Valid, "2026-12-31", registry: "https://elsewhere.example/c/LAB42-2027-0003");
    }

    [TearDown]
    public void Stop()
    {
        _key.Dispose();
        _tripwire.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void TheSiteIsInertSearchableWithoutScriptAndVerifiableWithOpenssl()
    {
        string site = _dir["site"];
        var (exit, stdout, stderr) = RigProcess.Run(_dir.Path, "registry", "build", _dir["certs"], "--out", site, "--key", _dir["lab.pub.pem"], "--base-url", Base, "--now", "2027-02-01");

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stderr.Trim(), Is.EqualTo($"rig: warning: certificate LAB42-2027-0003: its label's QR code points to https://elsewhere.example/c/LAB42-2027-0003, this site puts it at {Base}certificates/LAB42-2027-0003/"));

        Chromium.Result index = Load(Path.Combine(site, "index.html"), "index", screenshot: true);
        Assert.That(index.Dom, Does.Contain("LAB42-2027-0001").And.Contain("LAB42-2027-0002").And.Contain("LAB42-2027-0003"));
        Assert.That(index.Dom, Does.Contain("&lt;script&gt;document.title='PW'+'NED'&lt;/script&gt;&lt;img"), "the hostile name is shown as text");
        Assert.That(Regex.Matches(index.Dom, "class=\"light (\\w+)\"").Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "warning", "valid", "expired" }), "sorted by manufacturer ('<' before 'A'), then id; the 2026 certificate has expired");

        string acme = Path.Combine(site, "m", RegistrySite.ManufacturerPage("Acme"));
        Chromium.Result search = Load(acme, "acme");
        Assert.That(search.Dom, Does.Contain("LAB42-2027-0001").And.Contain("LAB42-2027-0003").And.Not.Contain("LAB42-2027-0002"), "a manufacturer's page lists only its certificates");

        Chromium.Result entry = Load(Path.Combine(site, "certificates", "LAB42-2027-0002", "index.html"), "entry", screenshot: true);
        Assert.That(entry.Dom, Does.Contain("WARNING: known vulnerabilities").And.Contain("CVE-2026-0001"));
        Assert.That(entry.Dom, Does.Contain("<svg"), "the label with its light");

        foreach (Chromium.Result page in new[] { index, search, entry })
        {
            Assert.That(page.Exit, Is.Zero, page.Stderr);
            Assert.That(page.Dom, Does.Not.Contain("PWNED").And.Not.Contain("<script").IgnoreCase.And.Not.Contain("<img").IgnoreCase);
        }

        Assert.That(_tripwire.Requests, Is.Empty, "a page reached the network");
        AssertEveryPageInert(site);
        foreach (string file in new[] { "certificate.json", "report.html", "label.svg" })
        {
            string dir = Path.Combine(site, "certificates", "LAB42-2027-0002");
            OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Path.Combine(site, "lab.pub.pem"), "-signature", Path.Combine(dir, file + ".sig"), Path.Combine(dir, file));
            Assert.That((r.ExitCode, r.StdoutText.Trim()), Is.EqualTo((0, "Verified OK")), file + ": " + r.Stderr);
        }

        var (verified, verifyOut, _) = RigProcess.Run(_dir.Path, "verify", Path.Combine(site, "certificates", "LAB42-2027-0001"), "--key", _dir["lab.pub.pem"]);
        Assert.That(verified, Is.Zero, "a published folder verifies whole: " + verifyOut);
    }

    [Test]
    public void AChangedFolderIsNotListed()
    {
        string json = Path.Combine(_dir["certs"], "LAB42-2027-0001", "certificate.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("Acme", "Acmf", StringComparison.Ordinal));

        var (exit, stdout, stderr) = RigProcess.Run(_dir.Path, "registry", "build", _dir["certs"], "--out", _dir["site"], "--key", _dir["lab.pub.pem"]);

        Assert.That(exit, Is.EqualTo(2), stdout);
        Assert.That(stderr, Does.StartWith($"rig: {Path.Combine(_dir["certs"], "LAB42-2027-0001")}: refusing to list: certificate signature certificate.json: "));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(Directory.Exists(_dir["site"]), Is.False);
    }

    // Every tag of every page: no script, no src, every href relative to a file of the site.
    private static void AssertEveryPageInert(string site)
    {
        string[] pages = Directory.GetFiles(site, "*.html", SearchOption.AllDirectories).Where(p => !p.EndsWith("report.html", StringComparison.Ordinal) && !p.EndsWith("certificate.html", StringComparison.Ordinal)).ToArray();
        Assert.That(pages.Select(p => Path.GetRelativePath(site, p)), Has.Member("index.html").And.Member("ids.html").And.Member(Path.Combine("certificates", "LAB42-2027-0002", "index.html")));
        foreach (string page in pages)
        {
            string html = File.ReadAllText(page);
            Assert.That(html, Does.Contain("Content-Security-Policy\" content=\"default-src 'none';"), page);
            Assert.That(HtmlScan.Tags(html).Select(t => t.Name), Has.None.EqualTo("script").And.None.EqualTo("img").And.None.EqualTo("link").And.None.EqualTo("iframe"), page);
            Assert.That(Regex.IsMatch(html, @"<[a-zA-Z][^>]*\s(src|srcset|action)\s*="), Is.False, page);
            foreach (Match href in Href().Matches(html))
            {
                string target = System.Net.WebUtility.HtmlDecode(href.Groups[1].Value);
                Assert.That(target, Does.Not.Contain(":").And.Not.StartWith("/"), page);
                Assert.That(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(target)))), Is.True, $"{page}: {target} is not a file of the site");
            }
        }
    }

    private Chromium.Result Load(string page, string name, bool screenshot = false)
    {
        string scratch = _dir[name];
        Directory.CreateDirectory(scratch);
        Chromium.Result r = Chromium.Load(page, scratch, screenshot);
        if (screenshot)
        {
            string kept = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"registry-{name}.png");
            File.Copy(r.Screenshot, kept, overwrite: true);
            TestContext.AddTestAttachment(kept, $"the registry's {name} page in headless Chromium");
        }

        return r;
    }

    private void Certificate(string id, string manufacturer, CertificateStatus status, string validUntil, string? registry = null)
    {
        string dir = Path.Combine(_dir["certs"], id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "console.raw"), "U-Boot 2024.01\n");
        ReportModel report = SampleReports.Ordinary(_key.Fingerprint) with { ReportId = id };
        report = report with { Device = report.Device with { Manufacturer = manufacturer } };
        AttestedReport.Write(dir, new ReportRenderer().Render(report), report, _key, ["console.raw"]);
        CertificateModel model = CertificateFolder.Sample(report, FileDigest.Sha256(Path.Combine(dir, "report.html")), status)
            with { ValidUntil = validUntil, RegistryUrl = registry ?? $"{Base}certificates/{id}/" };
        AttestedCertificate.Write(dir, model, _key);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
