using Rig.Engine.Journal;

namespace Rig.Tests.Cli;

/// <summary>README's first command: both virtual devices certified at once, reports that a stranger can verify with openssl.</summary>
public class DemoTests
{
    private static TempDir _dir = null!;
    private static (int Exit, string Stdout, string Stderr) _demo;

    private static string Out => _dir["demo"];

    [OneTimeSetUp]
    public static void RunDemo()
    {
        _dir = new TempDir();
        using RigProcess demo = RigProcess.Start(_dir.Path, "demo", "--out", Out);
        int exit = demo.Wait(TimeSpan.FromMinutes(10)); // three cameras through the whole baseline scheme
        _demo = (exit, demo.Stdout, demo.Stderr);
    }

    [OneTimeTearDown]
    public static void Clean() => _dir.Dispose();

    [Test]
    public void DemoSucceeds() => Assert.That(_demo.Exit, Is.EqualTo(0), _demo.Stderr);

    [Test]
    public void VulnerableCameraFailsBothPlansNamingTheCredential()
    {
        Dictionary<string, (string Verdict, string Reason)> v = Verdicts("vcam-vulnerable");
        Assert.That(v["CRED-01"].Verdict, Is.EqualTo("fail"));
        Assert.That(v["CRED-01"].Reason, Does.Contain("root:xc3511"));
        Assert.That(v["UART-01"].Verdict, Is.EqualTo("fail"));
        Assert.That(v["UART-01"].Reason, Does.Contain("uid=0(root)"));
        string html = File.ReadAllText(Path.Combine(Out, "vcam-vulnerable", "report.html"));
        Assert.That(html, Does.Contain("root:xc3511"));
        Assert.That(html, Does.Contain("echo"), "the login transcript is in the evidence");
    }

    private static readonly string[] Catalog =
        ["SURF-01", "SURF-02", "CRED-01", "CRED-02", "CRED-03", "CRED-04", "CRED-06", "AUTH-01", "UART-01", "BOOT-01", "LOG-01", "FW-02", "RES-04", "UPD-01", "UPD-02", "UPD-03", "UPD-04", "UPD-05"];

    /// <summary>Issue 4: every plan fails the vulnerable camera where its flaw exists, passes the hardened one, and the partial one fails exactly where its flaws are (FW-02: its dated components).</summary>
    [TestCase("vcam-vulnerable", "SURF-01=fail SURF-02=fail CRED-01=fail CRED-02=fail CRED-03=fail CRED-04=fail CRED-06=not-applicable AUTH-01=fail UART-01=fail BOOT-01=fail LOG-01=fail FW-02=fail RES-04=fail UPD-01=pass UPD-02=fail UPD-03=fail UPD-04=fail UPD-05=fail")]
    [TestCase("vcam-hardened", "SURF-01=pass SURF-02=pass CRED-01=pass CRED-02=pass CRED-03=pass CRED-04=pass CRED-06=pass AUTH-01=pass UART-01=pass BOOT-01=pass LOG-01=pass FW-02=pass RES-04=pass UPD-01=pass UPD-02=pass UPD-03=pass UPD-04=pass UPD-05=pass")]
    [TestCase("vcam-partial", "SURF-01=pass SURF-02=pass CRED-01=pass CRED-02=pass CRED-03=pass CRED-04=pass CRED-06=pass AUTH-01=fail UART-01=pass BOOT-01=pass LOG-01=pass FW-02=fail RES-04=pass UPD-01=pass UPD-02=pass UPD-03=pass UPD-04=fail UPD-05=pass")]
    public void TheCatalogGivesEachCameraTheVerdictsItsDesignImplies(string device, string expected)
    {
        Dictionary<string, (string Verdict, string Reason)> v = Verdicts(device);
        string actual = string.Join(" ", Catalog.Select(id => $"{id}={(v.TryGetValue(id, out var x) ? x.Verdict : "missing")}"));
        Assert.That(actual, Is.EqualTo(expected), string.Join("\n", v.Select(kv => $"{kv.Key}: {kv.Value.Reason}")));
    }

    [TestCase("vcam-vulnerable", "does not conform", "5.1-1 5.1-5 5.3-2 5.3-9 5.4-1 5.6-1 5.6-4 5.9-2")]
    [TestCase("vcam-hardened", "conforms", "")]
    [TestCase("vcam-partial", "does not conform", "5.1-5 5.3-2")]
    public void TheSchemeGivesAVerdictPerProvision(string device, string overall, string notMet)
    {
        var result = JournalReader.ReadAll(Path.Combine(Out, device, "journal.jsonl"), out _).Last(e => e.GetProperty("ev").GetString() == "scheme-result");
        Assert.That(result.GetProperty("overall").GetString(), Is.EqualTo(overall));
        string[] failing = result.GetProperty("provisions").EnumerateArray().Where(p => p.GetProperty("outcome").GetString() == "not met").Select(p => p.GetProperty("id").GetString()!).ToArray();
        Assert.That(string.Join(" ", failing), Is.EqualTo(notMet));
        Assert.That(File.ReadAllText(Path.Combine(Out, device, "report.html")), Does.Contain("Statement of conformity"));
    }

    /// <summary>Issue 13: the same verdicts climb the ladder; only the hardened camera gets a certificate, valid until its declared end of support.</summary>
    [TestCase("vcam-vulnerable", null, "level EN-303-645 is not met: 5.1-1 not met (CRED-01 fail")]
    [TestCase("vcam-hardened", "ISVS-L3", "the highest level of this scheme")]
    [TestCase("vcam-partial", null, "level EN-303-645 is not met: 5.1-5 not met (AUTH-01 fail); 5.3-2 not met (UPD-04 fail)")]
    public void TheLadderCertifiesOnlyTheHardenedCamera(string device, string? level, string why)
    {
        var result = JournalReader.ReadAll(Path.Combine(Out, device, "journal.jsonl"), out _).Last(e => e.GetProperty("ev").GetString() == "ladder-result");
        Assert.That(result.TryGetProperty("level", out var l) ? l.GetString() : null, Is.EqualTo(level));
        Assert.That(result.GetProperty("statement").GetString(), Does.Contain(why));
        string html = File.ReadAllText(Path.Combine(Out, device, "report.html"));
        Assert.That(html, Does.Contain("Level of rigor"));
        string[] certificate = ["certificate.html", "certificate.json", "label.svg", "certificate.intoto.jsonl"];
        if (level is null)
        {
            Assert.That(certificate.Where(f => File.Exists(Path.Combine(Out, device, f))), Is.Empty, "a failed device gets a report, not a certificate");
            Assert.That(html, Does.Contain("No certificate: no level was met."));
            return;
        }

        Assert.That(certificate.Where(f => !File.Exists(Path.Combine(Out, device, f))), Is.Empty);
        Assert.That(result.GetProperty("certificate").GetProperty("valid_until").GetString(), Is.EqualTo("2028-12-31"), "the declared end of support comes before the level's 36 months");
        Assert.That(File.ReadAllText(Path.Combine(Out, device, "certificate.html")), Does.Contain("valid until <strong>2028-12-31</strong>"));
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out, device, "certificate.json"))))
        {
            System.Text.Json.JsonElement status = json.RootElement.GetProperty("status");
            Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("valid"));
            Assert.That(status.GetProperty("basis").GetString(), Does.Contain("matched against testplans/vulndb/sample").And.Contain("none affected"),
                "the light at issue rests on FW-02's match of the components the camera showed, not on nothing");
        }

        foreach (string f in certificate.Take(3))
        {
            OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Path.Combine(Out, "lab.pub.pem"), "-signature", Path.Combine(Out, device, f + ".sig"), Path.Combine(Out, device, f));
            Assert.That(r.StdoutText, Does.Contain("Verified OK"), f);
        }
    }

    /// <summary>Issue 5: the vulnerable camera's report carries every field of the ISO/IEC 17025 7.8 checklist.</summary>
    [Test]
    public void TheVulnerableReportShowsEveryChecklistField()
    {
        string html = File.ReadAllText(Path.Combine(Out, "vcam-vulnerable", "report.html"));
        string[] fields =
        [
            "<h1>Test Report</h1>", "Rig demo lab", "Virtual bench, loopback network", "<th>Customer</th>", "Rig users learning the tool",
            "<th>Test location</th>", "<th>Manufacturer</th>", "<th>Model</th>", "<th>Hardware revision</th>", "<th>Serial number</th>", "VCAM1-DEMO-0002",
            "<th>MAC address</th>", "02:00:7f:00:00:02", "<th>Firmware image</th>", "vcam-1-1.0.3.img", "<th>Date of receipt</th>", "<th>Test started</th>",
            "<th>Date of issue</th>", "Statement of conformity", "Decision rule.",
            "<th>Plan file</th>", "<th>Input file</th>", "testplans/wordlists/mirai.txt", "<th>Rig version</th>", "<th>Console</th>", "115200 8N1",
            "<h2>Deviations</h2>", "not applicable", "The results relate only to the item tested.", "shall not be reproduced except in full",
            "Signed by", "signer-key-fingerprint", "End of report",
        ];
        foreach (string field in fields)
        {
            Assert.That(html, Does.Contain(field), field);
        }

        string id = System.Text.RegularExpressions.Regex.Match(html, @"RIG-\d{8}-[0-9a-f]{10}").Value;
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, System.Text.RegularExpressions.Regex.Escape(id)).Count, Is.GreaterThanOrEqualTo(3), "the report id in the header, the page margin rule and the end marker");
        Assert.That(File.Exists(Path.Combine(Out, "vcam-vulnerable", "evidence", "vcam-1-1.0.3.img")), Is.True, "the firmware images are attested beside the report");
    }

    [Test]
    public void HardenedCameraPassesBothPlans()
    {
        Dictionary<string, (string Verdict, string Reason)> v = Verdicts("vcam-hardened");
        Assert.That(v["CRED-01"].Verdict, Is.EqualTo("pass"));
        Assert.That(v["UART-01"].Verdict, Is.EqualTo("pass"));
    }

    [Test]
    public void TheSlotsKeepSeparateConsoles()
    {
        // Every boot banner names its build: a console that saw another slot's device would show the other name.
        string[] devices = ["vcam-vulnerable", "vcam-hardened", "vcam-partial"];
        foreach (string device in devices)
        {
            string console = File.ReadAllText(Path.Combine(Out, device, "console.raw"));
            Assert.That(console, Does.Contain($"({device} build"));
            foreach (string other in devices.Where(d => d != device))
            {
                Assert.That(console, Does.Not.Contain($"({other} build"), $"{device}'s console shows {other}'s boot");
            }
        }
    }

    [TestCase("slot1", "vcam-vulnerable")]
    [TestCase("slot2", "vcam-hardened")]
    public void EachDeviceAloneGetsTheVerdictsItGotAlongsideTheOther(string slot, string device)
    {
        var (made, _, _) = RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir[slot + ".key"], "--public", _dir[slot + ".pub"]);
        Assert.That(made, Is.EqualTo(0));
        string alone = _dir[slot + "-alone"];
        RigProcess.Run(_dir.Path, "certify", "--slot", slot, "--profile", device, "--key", _dir[slot + ".key"], "--out", alone, "--state-root", _dir[slot + "-bench"]);
        Dictionary<string, string> single = Verdicts(alone, string.Empty).ToDictionary(kv => kv.Key, kv => kv.Value.Item1);
        Assert.That(single.Keys, Is.EquivalentTo(CertifyCommandDefaults));
        Assert.That(single, Is.EqualTo(Verdicts(device).Where(kv => single.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value.Item1)));
    }

    [TestCase("vcam-vulnerable")]
    [TestCase("vcam-hardened")]
    [TestCase("vcam-partial")]
    public void OpensslVerifiesTheSignature(string device)
    {
        string report = Path.Combine(Out, device, "report.html");
        OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Path.Combine(Out, "lab.pub.pem"), "-signature", report + ".sig", report);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.StdoutText, Does.Contain("Verified OK"));
    }

    [Test]
    public void FlippingAnyByteBreaksOpensslAndRigVerify([Values(0, 1000, -1)] int position)
    {
        using var copy = new TempDir();
        string report = copy["report.html"];
        File.Copy(Path.Combine(Out, "vcam-vulnerable", "report.html"), report);
        File.Copy(Path.Combine(Out, "vcam-vulnerable", "report.html.sig"), report + ".sig");
        byte[] bytes = File.ReadAllBytes(report);
        int at = position < 0 ? bytes.Length - 1 : position;
        bytes[at] ^= 0x01;
        File.WriteAllBytes(report, bytes);

        OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", Path.Combine(Out, "lab.pub.pem"), "-signature", report + ".sig", report);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        var (exit, stdout, _) = RigProcess.Run(copy.Path, "verify", report, "--key", Path.Combine(Out, "lab.pub.pem"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("FAIL  signature"));
    }

    [Test]
    public void RigVerifyAcceptsTheUntouchedReport()
    {
        var (exit, stdout, _) = RigProcess.Run(_dir.Path, "verify", Path.Combine(Out, "vcam-hardened"), "--key", Path.Combine(Out, "lab.pub.pem"));
        Assert.That(exit, Is.EqualTo(0), stdout);
        Assert.That(stdout, Does.Not.Contain("FAIL"));
        Assert.That(stdout, Does.Contain("ok    certificate statement"), "the certificate beside the report is checked too");
    }

    [Test]
    public void NoVirtualDeviceIsLeftRunning()
    {
        foreach (string slot in new[] { "slot1", "slot2", "slot3" })
        {
            Assert.That(Rig.Drivers.Power.VirtualDeviceProcess.FindRunning(Path.Combine(Out, "bench", slot, "flash")), Is.Null, slot);
        }
    }

    private static readonly string[] CertifyCommandDefaults = ["CRED-01", "UART-01"];

    private static Dictionary<string, (string, string)> Verdicts(string device) => Verdicts(Out, device);

    private static Dictionary<string, (string, string)> Verdicts(string root, string device) =>
        JournalReader.ReadAll(Path.Combine(root, device, "journal.jsonl"), out _)
            .Where(e => e.GetProperty("ev").GetString() == "verdict")
            .ToDictionary(e => e.GetProperty("plan").GetString()!, e => (e.GetProperty("verdict").GetString()!, e.GetProperty("reason").GetString()!));
}
