using System.IO.Compression;
using System.Text;
using Rig.Engine.Inventory;
using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>The shipped sample database, as a folder and as a zip; and hostile databases, each refused with one line naming the file.</summary>
public class OsvDatabaseTests
{
    private static string Sample => Path.Combine(TestPaths.TestPlans, "vulndb", "sample");

    private static Component Busybox(string version) => new("busybox", version, "GIT", "https://git.busybox.net/busybox", "application", []);

    private static Component Kernel(string version) => new("linux", version, "Linux", "Kernel", "operating-system", []);

    [Test]
    public void TheSampleNamesRealCvesForAnOldCamera()
    {
        IReadOnlyList<VulnerabilityFinding> found = KnownVulnerabilities.Check([Busybox("1.29.3"), Kernel("4.9.84")], OsvDatabase.Open(Sample));
        var byId = found.ToDictionary(f => f.Record.Id, f => f);
        Assert.Multiple(() =>
        {
            Assert.That(byId.Keys, Is.EquivalentTo(new[]
            {
                "CVE-2018-20679", "CVE-2019-5747", "CVE-2021-28831", "CVE-2021-42386", "CVE-2022-48174", "CVE-2023-42366", // busybox
                "CVE-2019-11477", "CVE-2021-22555", // kernel 4.9: not Dirty COW (fixed in 4.8.3), not Dirty Pipe (from 5.8)
            }));
            Assert.That(byId["CVE-2019-5747"].Fix, Is.EqualTo("1.30.1"));
            Assert.That(byId["CVE-2019-5747"].Record.Severity.ToString(), Is.EqualTo("HIGH (CVSS 7.5)"));
            Assert.That(byId["CVE-2023-42366"].Fix, Is.EqualTo("none known (last affected 1.36.1)"));
            Assert.That(byId["CVE-2019-11477"].Fix, Is.EqualTo("4.9.182"));
            Assert.That(byId["CVE-2021-22555"].Fix, Is.EqualTo("4.9.267"));
        });
    }

    [Test]
    public void CurrentReleasesHaveNoFindingInTheSample()
    {
        Component[] current =
        [
            Busybox("1.37.0"), Kernel("6.6.63"),
            new("dropbear", "2025.88", "GIT", "https://github.com/mkj/dropbear", "application", []),
            new("lighttpd", "1.4.76", "GIT", "https://git.lighttpd.net/lighttpd/lighttpd1.4", "application", []),
        ];
        Assert.That(KnownVulnerabilities.Check(current, OsvDatabase.Open(Sample)), Is.Empty);
    }

    [Test]
    public void TheDebianAdvisoryMatchesByReleaseAndDpkgOrder()
    {
        var bullseye = new Component("openssl", "1.1.1k-1+deb11u1", "Debian:11", "openssl", "library", []);
        var fixedOne = bullseye with { Version = "1.1.1k-1+deb11u2" };
        var db = OsvDatabase.Open(Sample);
        VulnerabilityFinding f = KnownVulnerabilities.Check([bullseye, fixedOne], db).Single();
        Assert.Multiple(() =>
        {
            Assert.That(f.Record.Id, Is.EqualTo("DSA-5103-1"));
            Assert.That(f.Record.Cve, Is.EqualTo("CVE-2022-0778"));
            Assert.That(f.Component, Is.SameAs(bullseye));
            Assert.That(f.Fix, Is.EqualTo("1.1.1k-1+deb11u2"));
            Assert.That(f.Record.Severity.Rating, Is.EqualTo("unknown"), "Debian's advisories carry no severity");
        });
    }

    [Test]
    public void AZipOfTheSampleReadsTheSameAsTheFolder()
    {
        using var dir = new TempDir();
        string zip = dir["all.zip"];
        ZipFile.CreateFromDirectory(Sample, zip);
        Component[] old = [Busybox("1.29.3"), Kernel("4.9.84")];
        var fromFolder = KnownVulnerabilities.Check(old, OsvDatabase.Open(Sample)).Select(f => f.Record.Id).Order();
        var fromZip = KnownVulnerabilities.Check(old, OsvDatabase.Open(zip)).Select(f => f.Record.Id).Order();
        Assert.That(fromZip, Is.EqualTo(fromFolder));
        Assert.That(OsvDatabase.Open(zip).Records().Count(), Is.EqualTo(Directory.GetFiles(Sample, "*.json", SearchOption.AllDirectories).Length));
    }

    [Test]
    public void TheDigestChangesWithTheData()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["a.json"], """{ "id": "A-1", "modified": "2026-01-01T00:00:00Z" }""");
        string before = OsvDatabase.Open(dir.Path).Digest();
        File.WriteAllText(dir["a.json"], """{ "id": "A-2", "modified": "2026-01-01T00:00:00Z" }""");
        Assert.That(OsvDatabase.Open(dir.Path).Digest(), Is.Not.EqualTo(before).And.Length.EqualTo(64));
    }

    [TestCase("not json at all", "not valid JSON")]
    [TestCase("[1, 2]", "must be a JSON object")]
    [TestCase("""{ "modified": "x" }""", "has no \"id\"")]
    [TestCase("""{ "id": 5 }""", "\"id\" must be a string")]
    [TestCase("""{ "id": "X", "affected": {} }""", "\"affected\" must be an array")]
    [TestCase("""{ "id": "X", "affected": [ { "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": 0 } ] } ] } ] }""", "\"introduced\" must be a string")]
    [TestCase("""{ "id": "X", "affected": [ { "ranges": [ { "type": "ECOSYSTEM", "events": [ { "other": "1" } ] } ] } ] }""", "none of introduced, fixed, last_affected, limit")]
    [TestCase("""{ "id": "X", "aliases": [ 1 ] }""", "\"aliases\" must hold strings")]
    public void ABadRecordIsOneLineNamingItsFile(string content, string problem)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["Linux"]);
        File.WriteAllText(Path.Combine(dir["Linux"], "bad.json"), content);
        var e = Assert.Throws<OsvDatabaseException>(() => KnownVulnerabilities.Check([Kernel("4.9.84")], OsvDatabase.Open(dir.Path)));
        Assert.That(e!.Message, Does.StartWith(Path.Combine(dir["Linux"], "bad.json")).And.Contain(problem));
        Assert.That(e.Message, Does.Not.Contain("\n"), "one line");
    }

    [Test]
    public void DeepNestingIsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["deep.json"], "{\"id\":\"X\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        var e = Assert.Throws<OsvDatabaseException>(() => OsvDatabase.Open(dir.Path).Records().ToList());
        Assert.That(e!.Message, Does.StartWith(dir["deep.json"] + ": not valid JSON"));
    }

    [Test]
    public void AnOversizedRecordIsRefusedUnread()
    {
        using var dir = new TempDir();
        using (FileStream f = File.Create(dir["huge.json"]))
        {
            f.SetLength(OsvDatabase.MaxRecordBytes + 1L);
        }

        var e = Assert.Throws<OsvDatabaseException>(() => OsvDatabase.Open(dir.Path).Records().ToList());
        Assert.That(e!.Message, Does.StartWith(dir["huge.json"] + ":").And.Contain("more than a record may have"));
    }

    [Test]
    public void AZipBombEntryIsCutAtTheBound()
    {
        using var dir = new TempDir();
        string zip = dir["bomb.zip"];
        using (ZipArchive archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using Stream s = archive.CreateEntry("Linux/BOMB.json", CompressionLevel.SmallestSize).Open();
            byte[] spaces = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (int i = 0; i < 9; i++)
            {
                s.Write(spaces); // 9 MiB of blanks compress to a few KiB
            }
        }

        var e = Assert.Throws<OsvDatabaseException>(() => OsvDatabase.Open(zip).Records().ToList());
        Assert.That(e!.Message, Is.EqualTo($"{zip}!Linux/BOMB.json: more than a record may have ({OsvDatabase.MaxRecordBytes} bytes)"));
    }

    [Test]
    public void NotAZipIsOneLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["all.zip"], "this is not a zip");
        var e = Assert.Throws<OsvDatabaseException>(() => OsvDatabase.Open(dir["all.zip"]).Records().ToList());
        Assert.That(e!.Message, Does.StartWith(dir["all.zip"] + ": not a readable zip"));
    }

    [Test]
    public void NeitherFolderNorZipIsRefused()
    {
        var e = Assert.Throws<OsvDatabaseException>(() => OsvDatabase.Open("/nonexistent/osv"));
        Assert.That(e!.Message, Is.EqualTo("/nonexistent/osv: not a folder of OSV records or a .zip of them"));
    }
}
