using Rig.Reports.Certificates;
using Rig.Reports.Verification;

namespace Rig.Tests.Certificates;

/// <summary>A certificate is signed like the report: openssl alone checks each file, rig verify checks all, and one changed byte is caught.</summary>
public class CertificateSigningTests
{
    [Test]
    public void OpensslAloneVerifiesEveryCertificateFile()
    {
        using var c = new CertificateFolder();
        foreach (string file in AttestedCertificate.Files)
        {
            OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", c.PublicKey, "-signature", c[file + ".sig"], c[file]);
            Assert.That(r.ExitCode, Is.Zero, $"{file}: {r.Stderr}");
            Assert.That(r.StdoutText.Trim(), Is.EqualTo("Verified OK"), file);
        }
    }

    [Test]
    public void RigVerifyChecksTheCertificateBesideTheReport()
    {
        using var c = new CertificateFolder();
        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(c.Dir, c.PublicKey);
        Assert.That(checks.Where(x => !x.Passed), Is.Empty);
        Assert.That(checks.Select(x => x.Name), Is.SupersetOf(new[]
        {
            "certificate signature certificate.html", "certificate signature label.svg", "certificate signature certificate.json",
            "certificate envelope signature", "certificate statement",
            "certificate subject certificate.json", "certificate subject label.svg", "certificate subject certificate.html", "certificate subject report.html",
        }));
    }

    [TestCase("certificate.json")]
    [TestCase("label.svg")]
    [TestCase("certificate.html")]
    public void OneChangedByteIsCaughtByOpensslAndByRigVerify(string file)
    {
        using var c = new CertificateFolder();
        byte[] bytes = File.ReadAllBytes(c[file]);
        int at = Array.IndexOf(bytes, (byte)'2'); // a digit of a date or a digest: the file still parses
        bytes[at] = (byte)'3';
        File.WriteAllBytes(c[file], bytes);

        OpenSsl.Result r = OpenSsl.Run("dgst", "-sha256", "-verify", c.PublicKey, "-signature", c[file + ".sig"], c[file]);
        Assert.That(r.ExitCode, Is.Not.Zero);
        Assert.That(r.StdoutText, Does.Contain("Verification failure"));

        var failed = ReportVerifier.Verify(c.Dir, c.PublicKey).Where(x => !x.Passed).Select(x => x.Name).ToList();
        Assert.That(failed, Is.EquivalentTo(new[] { "certificate signature " + file, "certificate subject " + file }));
    }

    [Test]
    public void TheStatementCarriesTheCertificatePredicateAndNamesTheReport()
    {
        using var c = new CertificateFolder();
        var envelope = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(c[AttestedCertificate.EnvelopeFileName])).RootElement;
        var statement = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(envelope.GetProperty("payload").GetString()!)).RootElement;
        Assert.That(statement.GetProperty("predicateType").GetString(), Is.EqualTo("https://rig.example/attestation/certificate/v0.1"));
        Assert.That(statement.GetProperty("predicate").GetProperty("level").GetProperty("id").GetString(), Is.EqualTo("ISVS-L2"));
        Assert.That(statement.GetProperty("predicate").GetProperty("validUntil").GetString(), Is.EqualTo("2028-12-31"));
        Assert.That(statement.GetProperty("subject").EnumerateArray().Select(s => s.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "certificate.html", "label.svg", "certificate.json", "report.html" }));
    }

    [Test]
    public void AMissingCertificateFileFailsItsChecksButNoCertificateAtAllIsNoFailure()
    {
        using var c = new CertificateFolder();
        File.Delete(c["label.svg"]);
        Assert.That(ReportVerifier.Verify(c.Dir, c.PublicKey).Where(x => !x.Passed).Select(x => x.Name),
            Is.EquivalentTo(new[] { "certificate signature label.svg", "certificate subject label.svg" }));

        foreach (string f in Directory.EnumerateFiles(c.Dir, "certificate*").Concat(Directory.EnumerateFiles(c.Dir, "label*")))
        {
            File.Delete(f);
        }

        Assert.That(ReportVerifier.Verify(c.Dir, c.PublicKey).Where(x => x.Name.StartsWith("certificate ", StringComparison.Ordinal)), Is.Empty);
    }
}
