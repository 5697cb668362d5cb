using System.Collections;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rig.Reports.Certificates;
using Rig.Tests.Reports;

namespace Rig.Tests.Certificates;

/// <summary>label.svg is well-formed XML, inert, shows the device and level, and its QR code holds the registry address.</summary>
public partial class LabelTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void TheLabelIsWellFormedAndShowsDeviceLevelValidityAndAGreenLight()
    {
        using var c = new CertificateFolder();
        XDocument doc = XDocument.Load(c["label.svg"]);
        Assert.That(doc.Root!.Name, Is.EqualTo(Svg + "svg"));
        string text = string.Join("|", doc.Descendants(Svg + "text").Select(t => t.Value));
        Assert.That(text, Does.Contain("Acme").And.Contain("Cam 3000").And.Contain("Firmware 1.2.3").And.Contain("Level ISVS-L2").And.Contain("Valid until 2028-12-31"));
        Assert.That(doc.Descendants(Svg + "circle").Single().Attribute("fill")!.Value, Is.EqualTo("#1e8e3e"));
        Assert.That(doc.Descendants().Select(e => e.Name.LocalName), Has.None.EqualTo("script").And.None.EqualTo("image").And.None.EqualTo("a"));
        Assert.That(File.ReadAllText(c["label.svg"]), Does.Not.Contain("href").And.Not.Contain("url("));
    }

    [Test]
    public void AWarningIsAnAmberLightNamingTheVulnerabilities()
    {
        using var c = new CertificateFolder(CertificateStatus.Warning(["CVE-2024-0001", "GHSA-xxxx-yyyy"]));
        XDocument doc = XDocument.Load(c["label.svg"]);
        Assert.That(doc.Descendants(Svg + "circle").Single().Attribute("fill")!.Value, Is.EqualTo("#e0a100"));
        Assert.That(string.Join("|", doc.Descendants(Svg + "text").Select(t => t.Value)), Does.Contain("Warning: CVE-2024-0001"));
        Assert.That(File.ReadAllText(c["certificate.json"]), Does.Contain("\"state\": \"warning\"").And.Contain("CVE-2024-0001"));
    }

    [Test]
    public void HostileDeviceTextIsEscapedInTheLabel()
    {
        using var c = new CertificateFolder(manufacturer: "<script>alert(1)</script>&\u202e");
        XDocument doc = XDocument.Load(c["label.svg"]); // well-formed despite the markup
        Assert.That(doc.Descendants().Select(e => e.Name.LocalName), Has.None.EqualTo("script"));
        Assert.That(File.ReadAllText(c["label.svg"]), Does.Contain("&lt;script&gt;"));
    }

    // No QR decoder is installed here: the drawn modules are read back from the path and compared
    // with the matrix QRCoder computes for the registry address (which a decoder would read).
    [Test]
    public void TheQrCodesModulesAreQrCodersMatrixForTheRegistryEntry()
    {
        using var c = new CertificateFolder();
        XDocument doc = XDocument.Load(c["label.svg"]);
        string d = doc.Descendants(Svg + "path").Single().Attribute("d")!.Value;
        IReadOnlyList<BitArray> expected = LabelSvg.QrModules(CertificateFolder.Registry);
        int n = expected.Count;
        var drawn = new bool[n, n];
        foreach (Match m in Run().Matches(d))
        {
            int x = int.Parse(m.Groups[1].Value), y = int.Parse(m.Groups[2].Value), len = int.Parse(m.Groups[3].Value);
            for (int i = 0; i < len; i++)
            {
                drawn[y, x + i] = true;
            }
        }

        int dark = 0;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                Assert.That(drawn[y, x], Is.EqualTo(expected[y][x]), $"module ({x},{y})");
                dark += expected[y][x] ? 1 : 0;
            }
        }

        Assert.That(dark, Is.GreaterThan(n * n / 5), "a real QR code is about half dark");
        Assert.That(LabelSvg.QrModules("https://registry.lab.example/certificates/OTHER"), Is.Not.EqualTo(expected).Using<IReadOnlyList<BitArray>>(SameModules), "the matrix depends on the address");
    }

    [Test]
    public void TheCertificatePageIsInertInTheBrowser()
    {
        using var c = new CertificateFolder(manufacturer: "<script>document.title='PW'+'NED'</script>");
        using var scratch = new TempDir();
        Chromium.Result r = Chromium.Load(c["certificate.html"], scratch.Path);
        Assert.That(r.Exit, Is.Zero, r.Stderr);
        Assert.That(r.Dom, Does.Contain("<title>Certificate LAB42-2026-0007</title>"));
        Assert.That(r.Dom, Does.Not.Contain("PWNED"));
        Assert.That(r.Dom, Does.Contain("&lt;script&gt;document.title"));
        Assert.That(r.Dom, Does.Contain("<svg"), "the label is inlined");
    }

    private static bool SameModules(IReadOnlyList<BitArray> a, IReadOnlyList<BitArray> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Length == p.Second.Length && Enumerable.Range(0, p.First.Length).All(i => p.First[i] == p.Second[i]));

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\3z")]
    private static partial Regex Run();
}
