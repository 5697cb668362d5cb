using Rig.Engine.Inventory;
using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>An issued SBOM read back and matched against a newer database: how a later recheck turns a warning light on.</summary>
public class RecheckTests
{
    [Test]
    public void AnSbomsInventoryMeetsANewerDatabase()
    {
        using var dir = new TempDir();
        var inventory = new InventoryBuilder();
        inventory.Scan("init started: BusyBox v1.37.0 (2025-06-13 10:21:07 CST)", "console.raw byte 4000");
        inventory.Scan("SSH-2.0-dropbear_2025.88", "ssh 127.0.0.4:2222 identification line");
        string sbom = dir["sbom.cdx.json"];
        File.WriteAllBytes(sbom, CycloneDxWriter.Build(new SbomDevice("m", "vcam-1", "1.0.3"), inventory.Components, [], DateTimeOffset.UnixEpoch, "1"));

        IReadOnlyList<Component> read = CycloneDxReader.Components(sbom);
        Assert.That(read.Select(c => (c.Name, c.Version, c.Ecosystem, c.Package)), Is.EqualTo(inventory.Components.Select(c => (c.Name, c.Version, c.Ecosystem, c.Package))));
        Assert.That(read[0].Evidence.Single().ToString(), Is.EqualTo("console.raw byte 4000: init started: BusyBox v1.37.0 (2025-06-13 10:21:07 CST)"));

        // Clean against the sample at issue; a record published later affects it.
        Assert.That(KnownVulnerabilities.Check(read, OsvDatabase.Open(Path.Combine(TestPaths.TestPlans, "vulndb", "sample"))), Is.Empty);
        Directory.CreateDirectory(dir["newer"]);
        File.WriteAllText(Path.Combine(dir["newer"], "TEST-2027-1.json"), """
            { "id": "TEST-2027-1", "modified": "2027-01-01T00:00:00Z",
              "affected": [ { "package": { "ecosystem": "GIT", "name": "https://git.busybox.net/busybox" },
                              "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "1.36.0" }, { "fixed": "1.37.1" } ] } ] } ] }
            """);
        VulnerabilityFinding later = KnownVulnerabilities.Check(read, OsvDatabase.Open(dir["newer"])).Single();
        Assert.That((later.Record.Id, later.Component.ToString(), later.Fix), Is.EqualTo(("TEST-2027-1", "busybox 1.37.0", "1.37.1")));
    }

    [TestCase("{}", "not a CycloneDX SBOM")]
    [TestCase("{ \"bomFormat\": ", "not valid JSON")]
    public void ABadSbomIsOneLineNamingIt(string content, string problem)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["sbom.cdx.json"], content);
        var e = Assert.Throws<InvalidDataException>(() => CycloneDxReader.Components(dir["sbom.cdx.json"]));
        Assert.That(e!.Message, Does.StartWith(dir["sbom.cdx.json"] + ": " + problem).And.Not.Contain("\n"));
    }
}
