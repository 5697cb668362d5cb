using Rig.Engine.Inventory;
using Rig.Engine.Vulnerabilities;
using Rig.Tests.Cli;

namespace Rig.Tests.Certificates;

/// <summary>
/// The real rig executable rechecks a signed certificate folder whose report signs an SBOM
/// (busybox 1.37.0, dropbear 2025.88): valid against the shipped sample, a warning against a
/// newer database that lists busybox 1.37.0, expired past its last day, revoked from the lab's
/// list; the status is signed (openssl checks it alone) and rig verify shows it.
/// </summary>
public class RecheckCommandTests
{
    private const string NewRecord = """
        { "id": "TEST-2027-1", "published": "2027-01-01T00:00:00Z", "modified": "2027-01-01T00:00:00Z", "aliases": [ "CVE-2027-0001" ],
          "affected": [ { "package": { "ecosystem": "GIT", "name": "https://git.busybox.net/busybox" },
                          "ranges": [ { "type": "ECOSYSTEM", "events": [ { "introduced": "1.36.0" }, { "fixed": "1.37.1" } ] } ] } ] }
        """;

    private static string Sample => Path.Combine(TestPaths.TestPlans, "vulndb", "sample");

    private static Dictionary<string, byte[]> Sbom()
    {
        var inventory = new InventoryBuilder();
        inventory.Scan("init started: BusyBox v1.37.0 (2025-06-13 10:21:07 CST)", "console.raw byte 4000");
        inventory.Scan("SSH-2.0-dropbear_2025.88", "ssh 127.0.0.4:2222 identification line");
        return new() { [CycloneDxWriter.FileName] = CycloneDxWriter.Build(new SbomDevice("Acme", "vcam-1", "1.0.3"), inventory.Components, [], DateTimeOffset.UnixEpoch, "1") };
    }

    private static string NewerDatabase(CertificateFolder c)
    {
        string db = c.Scratch("newer");
        foreach (string f in Directory.GetFiles(Sample, "*.json", SearchOption.AllDirectories))
        {
            string to = Path.Combine(db, Path.GetRelativePath(Sample, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }

        File.WriteAllText(Path.Combine(db, "TEST-2027-1.json"), NewRecord);
        return db;
    }

    private static (int Exit, string Stdout, string Stderr) Rig(CertificateFolder c, params string[] args) => RigProcess.Run(c.Scratch("home"), args);

    [Test]
    public void ANewerDatabaseTurnsAValidCertificateIntoAWarningThatVerifyShows()
    {
        using var c = new CertificateFolder(evidence: Sbom());

        var (valid, validOut, validErr) = Rig(c, "recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey, "--now", "2027-02-01");
        Assert.That(valid, Is.Zero, validOut + validErr);
        Assert.That(validOut, Does.StartWith("valid: 2 component(s) matched against sample on 2027-02-01: none affected"));
        var (verified, verifyOut, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey, "--now", "2027-02-01");
        Assert.That(verified, Is.Zero, verifyOut);
        Assert.That(verifyOut, Does.Contain("\nstatus on 2027-02-01: VALID until 2028-12-31: no known vulnerability (rechecked 2027-02-01 against sample"));

        var (warned, warnOut, warnErr) = Rig(c, "recheck", c.Dir, "--vulndb", NewerDatabase(c), "--key", c.PrivateKey, "--now", "2027-02-02");
        Assert.That(warned, Is.EqualTo(1), warnOut + warnErr);
        Assert.That(warnOut, Does.StartWith("warning: 2 component(s) matched against newer on 2027-02-02: 1 known vulnerability"));
        Assert.That(warnOut, Does.Contain("TEST-2027-1 in busybox 1.37.0 (published 2027-01-01T00:00:00Z): unknown, fixed in 1.37.1"));
        (verified, verifyOut, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey, "--now", "2027-02-02");
        Assert.That(verified, Is.Zero, verifyOut);
        Assert.That(verifyOut, Does.Contain("ok    status signature status.json").And.Contain("ok    status certificate"));
        Assert.That(verifyOut, Does.Contain("\nstatus on 2027-02-02: WARNING: known vulnerabilities: TEST-2027-1 in busybox 1.37.0 (published 2027-01-01T00:00:00Z) (rechecked 2027-02-02 against newer"));

        string label = File.ReadAllText(c["status.label.svg"]);
        Assert.That(label, Does.Contain("fill=\"#e0a100\"").And.Contain("Warning: TEST-2027-1"));
        Assert.That(File.ReadAllText(c["label.svg"]), Does.Contain("Valid: no warning"), "the label as issued stays, signed as it was");
        foreach (string file in new[] { "status.json", "status.label.svg" })
        {
            OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", c.PublicKey, "-signature", c[file + ".sig"], c[file]);
            Assert.That((r.ExitCode, r.StdoutText.Trim()), Is.EqualTo((0, "Verified OK")), file + ": " + r.Stderr);
        }
    }

    [Test]
    public void PastItsLastDayACertificateIsExpired()
    {
        using var c = new CertificateFolder(evidence: Sbom());

        var (exit, stdout, stderr) = Rig(c, "recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey, "--now", "2029-01-01");

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stdout, Does.StartWith("expired: valid until 2028-12-31; 2 component(s) matched against sample on 2029-01-01: none affected"));
        Assert.That(File.ReadAllText(c["status.label.svg"]), Does.Contain("fill=\"#6b7280\"").And.Contain("Expired after 2028-12-31"));
        var (_, verifyOut, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey, "--now", "2029-01-01");
        Assert.That(verifyOut, Does.Contain("\nstatus on 2029-01-01: EXPIRED: valid until 2028-12-31"));
    }

    [Test]
    public void WithoutARecheckVerifyShowsTheStatusAsIssuedAndExpiresIt()
    {
        using var c = new CertificateFolder(evidence: Sbom());

        var (_, before, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey, "--now", "2028-12-31");
        var (_, after, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey, "--now", "2029-01-01");

        Assert.That(before, Does.Contain("\nstatus on 2028-12-31: VALID until 2028-12-31: ").And.Contain("(as issued on 2026-11-21; not rechecked)"));
        Assert.That(after, Does.Contain("\nstatus on 2029-01-01: EXPIRED: valid until 2028-12-31 (as issued on 2026-11-21; not rechecked)"));
    }

    [Test]
    public void TheLabsRevocationListRevokes()
    {
        using var c = new CertificateFolder(evidence: Sbom());
        string list = c.Scratch("revoked.txt");
        File.WriteAllText(list, $"# the lab's revocations\nOTHER-1 2027-01-01 not this one\n{c.Model.CertificateId} 2027-03-01 the manufacturer withdrew the model\n");

        var (before, beforeOut, _) = Rig(c, "recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey, "--now", "2027-02-28", "--revocations", list);
        var (after, afterOut, _) = Rig(c, "recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey, "--now", "2027-03-01", "--revocations", list);

        Assert.That(before, Is.Zero, beforeOut);
        Assert.That(beforeOut, Does.StartWith("valid: "));
        Assert.That(after, Is.EqualTo(1));
        Assert.That(afterOut, Does.StartWith("revoked: revoked by the lab from 2027-03-01: the manufacturer withdrew the model"));
        Assert.That(File.ReadAllText(c["status.label.svg"]), Does.Contain("fill=\"#c62828\"").And.Contain("Revoked by the lab"));
        var (_, verifyOut, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey, "--now", "2027-03-02");
        Assert.That(verifyOut, Does.Contain("\nstatus on 2027-03-02: REVOKED: revoked by the lab from 2027-03-01: the manufacturer withdrew the model"));
    }

    [TestCase("sbom.cdx.json", "subject sbom.cdx.json")]
    [TestCase("certificate.json", "certificate signature certificate.json")]
    [TestCase("report.html", "signature: ")]
    public void OneChangedByteIsRefused(string file, string check)
    {
        using var c = new CertificateFolder(evidence: Sbom());
        byte[] bytes = File.ReadAllBytes(c[file]);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(c[file], bytes);

        var (exit, stdout, stderr) = Rig(c, "recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey);

        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.StartWith($"rig: {c.Dir}: refusing to recheck: {check}").And.Not.Contain("   at "));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(c["status.json"]), Is.False, "nothing is signed for a changed folder");
    }

    [Test]
    public void AChangedStatusFailsVerify()
    {
        using var c = new CertificateFolder(evidence: Sbom());
        Assert.That(Rig(c, "recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey).Exit, Is.Zero);
        File.WriteAllText(c["status.json"], File.ReadAllText(c["status.json"]).Replace("\"valid\"", "\"valId\"", StringComparison.Ordinal));

        var (exit, stdout, _) = Rig(c, "verify", c.Dir, "--key", c.PublicKey);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("FAIL  status signature status.json").And.Contain("FAIL  status subject status.json").And.Not.Contain("status on "));
    }

    [Test]
    public void BadInputIsOneLineAndExitTwo()
    {
        using var c = new CertificateFolder(evidence: Sbom());
        using var plain = new CertificateFolder();
        string list = c.Scratch("bad-revocations.txt");
        File.WriteAllText(list, "# list\nX-1 2027-13-01 reason\n");
        (string[] Args, string Error)[] cases =
        [
            (["recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey, "--now", "2027-02-30"], "rig: --now: \"2027-02-30\" is not a date (YYYY-MM-DD)"),
            (["recheck", c.Scratch("nowhere"), "--vulndb", Sample, "--key", c.PrivateKey], $"rig: {c.Scratch("nowhere")}: no such folder"),
            (["recheck", c.Dir, "--vulndb", c.Scratch("no-db"), "--key", c.PrivateKey], $"rig: {c.Scratch("no-db")}: not a folder of OSV records"),
            (["recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey, "--revocations", list], $"{list}:2:5: expected \"CERTIFICATE-ID YYYY-MM-DD reason\""),
            (["recheck", plain.Dir, "--vulndb", Sample, "--key", plain.PrivateKey], $"rig: {plain.Dir}: refusing to recheck: sbom.cdx.json is not among the report's signed files"),
            (["recheck", c.Dir, "--vulndb", Sample, "--key", plain.PrivateKey], $"rig: {c.Dir}: refusing to recheck: signature: "),
            (["verify", c.Dir, "--key", c.PublicKey, "--now", "tomorrow"], "rig: --now: \"tomorrow\" is not a date"),
        ];
        foreach ((string[] args, string error) in cases)
        {
            AssertBadInput(c, args, error);
        }

        File.Delete(c["report.html.sig"]);
        AssertBadInput(c, ["recheck", c.Dir, "--vulndb", Sample, "--key", c.PrivateKey], $"rig: {c.Dir}: refusing to recheck: signature: ");
    }

    private static void AssertBadInput(CertificateFolder c, string[] args, string error)
    {
        var (exit, stdout, stderr) = Rig(c, args);
        Assert.That(exit, Is.EqualTo(2), string.Join(' ', args) + "\n" + stdout + stderr);
        Assert.That(stderr, Does.StartWith(error), string.Join(' ', args));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), stderr);
    }
}
