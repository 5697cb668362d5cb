using Rig.Reports;
using Rig.Reports.Rendering;
using Rig.Reports.Signing;
using Rig.Reports.Verification;

namespace Rig.Tests.Reports;

public class SigningTests
{
    private TempDir _dir = null!;
    private LabKey _key = null!;
    private string _report = "";

    private string PublicKey => _dir.File("lab.pub.pem");

    [SetUp]
    public void SignAReport()
    {
        _dir = new TempDir();
        _key = LabKeys.New(_dir.File("lab.key.pem"), PublicKey);
        byte[] html = new ReportRenderer().Render(SampleReports.Ordinary(_key.Fingerprint));
        _report = ReportSigner.WriteSigned(_dir.File("out"), html, _key);
    }

    [TearDown]
    public void Clean()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void OpensslVerifiesTheSignature()
    {
        OpenSsl.Result result = OpenSsl.Run("dgst", "-sha256", "-verify", PublicKey, "-signature", _report + ".sig", _report);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.StdoutText.Trim(), Is.EqualTo("Verified OK"));
    }

    [Test]
    public void TheSignatureIsADerSequenceOfTwoIntegers()
    {
        OpenSsl.Result result = OpenSsl.Run("asn1parse", "-inform", "DER", "-in", _report + ".sig");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        string[] lines = result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.Contain("cons: SEQUENCE"));
        Assert.That(lines[1], Does.Contain("prim: INTEGER"));
        Assert.That(lines[2], Does.Contain("prim: INTEGER"));
    }

    [Test]
    public void TheVerifierPassesAnUntouchedReportAndMissesItsAttestation()
    {
        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(_dir.File("out"), PublicKey);

        Assert.That(checks.Select(c => c.Name), Is.EqualTo(new[] { "signature", "key fingerprint", "envelope signature", "statement" }));
        Assert.That(checks.Select(c => c.Passed), Is.EqualTo(new[] { true, true, false, false }));
        Assert.That(checks[1].Detail, Does.Contain(_key.Fingerprint));
        Assert.That(checks[2].Detail, Is.EqualTo("report.html.intoto.jsonl: missing"));
    }

    [Test]
    public void OneFlippedByteFailsInOpensslAndInTheVerifier()
    {
        byte[] bytes = File.ReadAllBytes(_report);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(_report, bytes);

        OpenSsl.Result result = OpenSsl.Run("dgst", "-sha256", "-verify", PublicKey, "-signature", _report + ".sig", _report);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StdoutText.Trim(), Is.EqualTo("Verification failure"));

        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(_report, PublicKey);
        Assert.That(checks.Single(c => c.Name == "signature").Passed, Is.False);
    }

    [Test]
    public void AnotherLabsKeyFailsBothChecks()
    {
        using (LabKeys.New(_dir.File("other.key.pem"), _dir.File("other.pub.pem"))) { }

        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(_report, _dir.File("other.pub.pem"));

        Assert.That(checks.Take(2).Select(c => c.Passed), Is.EqualTo(new[] { false, false }));
        Assert.That(checks[1].Detail, Does.Contain("the report shows sha256:" + _key.Fingerprint));
    }

    [Test]
    public void AMissingOrGarbageSignatureIsAFailedCheckNotAnException()
    {
        File.Delete(_report + ".sig");
        Assert.That(ReportVerifier.Verify(_report, PublicKey)[0],
            Is.EqualTo(new VerificationCheck("signature", false, "report.html.sig is missing")));

        File.WriteAllBytes(_report + ".sig", [0x30, 0x03, 0x02, 0x01]);
        Assert.That(ReportVerifier.Verify(_report, PublicKey)[0].Passed, Is.False);
    }

    [Test]
    public void UnreadableInputsThrowNamingThePath()
    {
        string absent = _dir.File("absent");
        var e = Assert.Throws<ReportException>(() => ReportVerifier.Verify(absent, PublicKey));
        Assert.That(e!.Message, Is.EqualTo($"{absent}: cannot read the report (no such file)"));

        e = Assert.Throws<LabKeyException>(() => ReportVerifier.Verify(_report, _dir.File("lab.key.pem")));
        Assert.That(e!.Message, Does.StartWith(_dir.File("lab.key.pem") + ": expected a \"PUBLIC KEY\" PEM block"));
        Assert.That(e.Message, Does.Not.Contain(File.ReadAllLines(_dir.File("lab.key.pem"))[1]));
    }

    [Test]
    public void AReportShowingAnotherKeyIsNotSigned()
    {
        byte[] html = new ReportRenderer().Render(SampleReports.Ordinary());

        var e = Assert.Throws<ReportException>(() => ReportSigner.WriteSigned(_dir.File("wrong"), html, _key));
        Assert.That(e!.Message, Does.Contain("refusing to sign").And.Contain(SampleReports.Fingerprint));
        Assert.That(Directory.Exists(_dir.File("wrong")), Is.False);
    }
}
