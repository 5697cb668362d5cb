using System.Text.Json;
using Rig.Engine.Inventory;
using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>
/// The SBOM is CycloneDX 1.6 JSON: the specification's required fields (bomFormat, specVersion;
/// each component's type and name), its enumerations (component types, evidence techniques,
/// rating severities and methods), bom-refs that resolve, and the evidence of each component.
/// No CycloneDX schema validator is packaged for Debian, so the structure is asserted here.
/// </summary>
public class CycloneDxTests
{
    private static readonly string[] ComponentTypes =
        ["application", "framework", "library", "container", "platform", "operating-system", "device", "device-driver", "firmware", "file", "machine-learning-model", "data", "cryptographic-asset"];

    private static readonly string[] Techniques =
        ["source-code-analysis", "binary-analysis", "manifest-analysis", "ast-fingerprint", "hash-comparison", "instrumentation", "dynamic-analysis", "filename", "attestation", "other"];

    [Test]
    public void TheSbomHasCycloneDx16sRequiredFieldsAndResolvingReferences()
    {
        var inventory = new InventoryBuilder();
        inventory.Scan("[    0.000000] Linux version 4.9.84 (builder@vcam-build)", "console.raw byte 900");
        inventory.Scan("init started: BusyBox v1.29.3 (2019-03-08 10:21:07 CST)", "console.raw byte 4000");
        inventory.Scan("SSH-2.0-dropbear_2018.76", "ssh 127.0.0.2:2222 identification line");
        IReadOnlyList<Component> components = inventory.Components;
        IReadOnlyList<VulnerabilityFinding> findings = KnownVulnerabilities.Check(components, OsvDatabase.Open(Path.Combine(TestPaths.TestPlans, "vulndb", "sample")));
        byte[] json = CycloneDxWriter.Build(new SbomDevice("Rig virtual devices", "vcam-1", "1.0.3"), components, findings, DateTimeOffset.UnixEpoch, "1.2.3");

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("bomFormat").GetString(), Is.EqualTo("CycloneDX"));
            Assert.That(root.GetProperty("specVersion").GetString(), Is.EqualTo("1.6"));
            Assert.That(root.GetProperty("serialNumber").GetString(), Does.Match("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("metadata").GetProperty("timestamp").GetString(), Is.EqualTo("1970-01-01T00:00:00Z"));
            JsonElement device = root.GetProperty("metadata").GetProperty("component");
            Assert.That(device.GetProperty("type").GetString(), Is.EqualTo("device"));
            Assert.That(device.GetProperty("name").GetString(), Is.EqualTo("vcam-1"));
        });

        var refs = new HashSet<string>();
        foreach (JsonElement c in root.GetProperty("components").EnumerateArray())
        {
            Assert.That(ComponentTypes, Does.Contain(c.GetProperty("type").GetString()));
            Assert.That(c.GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(refs.Add(c.GetProperty("bom-ref").GetString()!), Is.True, "bom-refs are unique");
            JsonElement identity = c.GetProperty("evidence").GetProperty("identity")[0];
            Assert.That(identity.GetProperty("field").GetString(), Is.EqualTo("version"));
            foreach (JsonElement m in identity.GetProperty("methods").EnumerateArray())
            {
                Assert.That(Techniques, Does.Contain(m.GetProperty("technique").GetString()));
                Assert.That(m.GetProperty("confidence").GetDouble(), Is.InRange(0, 1));
            }

            Assert.That(c.GetProperty("evidence").GetProperty("occurrences")[0].GetProperty("location").GetString(), Is.Not.Empty);
        }

        Assert.That(root.GetProperty("components").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("version").GetString()} {c.GetProperty("purl").GetString()}"),
            Is.EqualTo(new[] { "linux 4.9.84 pkg:generic/linux@4.9.84", "busybox 1.29.3 pkg:generic/busybox@1.29.3", "dropbear 2018.76 pkg:generic/dropbear@2018.76" }));
        string busyboxEvidence = root.GetProperty("components")[1].GetProperty("evidence").GetProperty("identity")[0].GetProperty("methods")[0].GetProperty("value").GetString()!;
        Assert.That(busyboxEvidence, Is.EqualTo("console.raw byte 4000: init started: BusyBox v1.29.3 (2019-03-08 10:21:07 CST)"));

        JsonElement[] vulns = [.. root.GetProperty("vulnerabilities").EnumerateArray()];
        Assert.That(vulns.Select(v => v.GetProperty("id").GetString()), Does.Contain("CVE-2019-5747").And.Contain("CVE-2018-15599").And.Contain("CVE-2021-22555"));
        foreach (JsonElement v in vulns)
        {
            Assert.That(refs, Does.Contain(v.GetProperty("affects")[0].GetProperty("ref").GetString()), "each vulnerability affects a listed component");
            JsonElement rating = v.GetProperty("ratings")[0];
            Assert.That(new[] { "critical", "high", "medium", "low", "info", "none", "unknown" }, Does.Contain(rating.GetProperty("severity").GetString()));
            Assert.That(new[] { "CVSSv3", "CVSSv31" }, Does.Contain(rating.GetProperty("method").GetString()));
        }

        JsonElement sack = vulns.Single(v => v.GetProperty("id").GetString() == "CVE-2019-11477");
        Assert.Multiple(() =>
        {
            Assert.That(sack.GetProperty("ratings")[0].GetProperty("score").GetDouble(), Is.EqualTo(7.5));
            Assert.That(sack.GetProperty("ratings")[0].GetProperty("severity").GetString(), Is.EqualTo("high"));
            Assert.That(sack.GetProperty("recommendation").GetString(), Is.EqualTo("upgrade linux to 4.9.182 or later"));
            Assert.That(sack.GetProperty("affects")[0].GetProperty("ref").GetString(), Is.EqualTo(CycloneDxWriter.Ref(0)));
        });
    }
}
