using System.Text;
using Rig.Reports.Attestation;
using Rig.Reports.Signing;
using Rig.Reports.Verification;

namespace Rig.Tests.Attestation;

/// <summary>Changing one byte of any signed file breaks exactly the checks that depend on it, and no other.</summary>
public class TamperTests
{
    private static readonly string[] AllChecks =
    [
        "signature", "key fingerprint", "envelope signature", "statement",
        "subject report.html", "subject console.raw", "subject journal.jsonl", "subject junit.xml",
    ];

    private AttestedFolder _folder = null!;

    [SetUp]
    public void Write() => _folder = new AttestedFolder();

    [TearDown]
    public void Clean() => _folder.Dispose();

    private IReadOnlyList<VerificationCheck> Verify() => ReportVerifier.Verify(_folder.Dir, _folder.PublicKey);

    private string[] Failed() => Verify().Where(c => !c.Passed).Select(c => c.Name).ToArray();

    private void Flip(string file, int at)
    {
        byte[] bytes = File.ReadAllBytes(_folder[file]);
        bytes[at < 0 ? bytes.Length + at : at] ^= 0x01;
        File.WriteAllBytes(_folder[file], bytes);
    }

    [Test]
    public void AnUntouchedFolderPassesEveryCheck()
    {
        IReadOnlyList<VerificationCheck> checks = Verify();

        Assert.That(checks.Select(c => c.Name), Is.EqualTo(AllChecks));
        Assert.That(checks.Where(c => !c.Passed), Is.Empty);
        Assert.That(checks.Single(c => c.Name == "subject console.raw").Detail,
            Does.StartWith("console.raw has sha256 ").And.EndWith(", as the statement says"));
    }

    [Test]
    public void OneByteOfTheReportBreaksItsSignatureAndItsSubjectDigestOnly()
    {
        string html = File.ReadAllText(_folder["report.html"]);
        Flip("report.html", Encoding.UTF8.GetByteCount(html[..html.IndexOf("Example Test Lab", StringComparison.Ordinal)]));

        Assert.That(Failed(), Is.EqualTo(new[] { "signature", "subject report.html" }));
    }

    [TestCase("console.raw", 0)]
    [TestCase("console.raw", -1)]
    [TestCase("journal.jsonl", 5)]
    [TestCase("junit.xml", 200)]
    public void OneByteOfAnEvidenceFileBreaksItsSubjectDigestOnly(string file, int at)
    {
        Flip(file, at);

        VerificationCheck failed = Verify().Single(c => !c.Passed);
        Assert.That(failed.Name, Is.EqualTo("subject " + file));
        Assert.That(failed.Detail, Does.StartWith(file + " has sha256 ").And.Contain("the statement says"));
    }

    [Test]
    public void OneByteOfTheReportSignatureBreaksItOnly()
    {
        Flip("report.html.sig", -3);

        Assert.That(Failed(), Is.EqualTo(new[] { "signature" }));
    }

    [Test]
    public void OneByteOfTheEnvelopeSignatureBreaksItOnly()
    {
        byte[] sig = Convert.FromBase64String(_folder.Envelope().GetProperty("signatures")[0].GetProperty("sig").GetString()!);
        string text = File.ReadAllText(_folder[AttestedReport.EnvelopeFileName]);
        sig[^2] ^= 0x01;
        string changed = text.Replace(
            _folder.Envelope().GetProperty("signatures")[0].GetProperty("sig").GetString()!, Convert.ToBase64String(sig), StringComparison.Ordinal);
        File.WriteAllText(_folder[AttestedReport.EnvelopeFileName], changed);

        Assert.That(Failed(), Is.EqualTo(new[] { "envelope signature" }));
    }

    [Test]
    public void OneByteOfThePayloadOutsideTheDigestsBreaksTheEnvelopeSignatureOnly()
    {
        byte[] statement = _folder.StatementBytes();
        string text = Encoding.UTF8.GetString(statement);
        int at = Encoding.UTF8.GetByteCount(text[..text.IndexOf("telnet accepted", StringComparison.Ordinal)]);
        statement[at] ^= 0x01; // "telnet" -> "uelnet": still valid JSON
        _folder.ReplacePayload(statement);

        Assert.That(Failed(), Is.EqualTo(new[] { "envelope signature" }));
    }

    [Test]
    public void APayloadChangedToVouchForAnotherFileBreaksTheEnvelopeSignatureAndThatSubject()
    {
        File.WriteAllText(_folder["journal.jsonl"], "{\"forged\":true}\n");
        string text = Encoding.UTF8.GetString(_folder.StatementBytes());
        string old = FileDigestOf(text, "journal.jsonl");
        string forged = text.Replace(old, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{\"forged\":true}\n"u8)), StringComparison.Ordinal);
        _folder.ReplacePayload(Encoding.UTF8.GetBytes(forged));

        Assert.That(Failed(), Is.EqualTo(new[] { "envelope signature" }), "the forged digest matches the forged file, only the signature tells");

        File.WriteAllText(_folder["journal.jsonl"], AttestedFolder.JournalText + " ");
        Assert.That(Failed(), Is.EqualTo(new[] { "envelope signature", "subject journal.jsonl" }));
    }

    [Test]
    public void AMissingFileIsAFailedCheckNamingIt()
    {
        File.Delete(_folder["console.raw"]);

        VerificationCheck failed = Verify().Single(c => !c.Passed);
        Assert.That(failed, Is.EqualTo(new VerificationCheck("subject console.raw", false, $"console.raw is missing from {_folder.Dir}")));
    }

    [Test]
    public void AMissingOrGarbageEnvelopeFailsTheEnvelopeChecksAndNothingElse()
    {
        File.Delete(_folder[AttestedReport.EnvelopeFileName]);
        Assert.That(Failed(), Is.EqualTo(new[] { "envelope signature", "statement" }));

        File.WriteAllBytes(_folder[AttestedReport.EnvelopeFileName], [0xFF, (byte)'{', 0]);
        IReadOnlyList<VerificationCheck> checks = Verify();
        Assert.That(checks.Where(c => !c.Passed).Select(c => c.Name), Is.EqualTo(new[] { "envelope signature", "statement" }));
        Assert.That(checks[2].Detail, Does.StartWith("report.html.intoto.jsonl: not JSON"));
    }

    [Test]
    public void AnotherLabsKeyFailsEverySignatureAndFingerprintButNoDigest()
    {
        string other = _folder.Scratch("other.pub.pem");
        using (LabKeys.New(_folder.Scratch("other.key.pem"), other)) { }

        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(_folder.Dir, other);

        Assert.That(checks.Where(c => !c.Passed).Select(c => c.Name), Is.EqualTo(new[] { "signature", "key fingerprint", "envelope signature", "statement" }));
        Assert.That(checks[3].Detail, Does.Contain("its predicate names signing key sha256:" + _folder.Key.Fingerprint));
    }

    [Test]
    public void ASignedStatementCannotPointOutsideTheFolder()
    {
        string outside = _folder.Scratch("secret.txt");
        File.WriteAllText(outside, "not part of the report");
        string text = Encoding.UTF8.GetString(_folder.StatementBytes());
        string hostile = text.Replace("\"name\":\"journal.jsonl\"", "\"name\":\"../secret.txt\"", StringComparison.Ordinal)
            .Replace("\"name\":\"junit.xml\"", "\"name\":\"" + outside + "\"", StringComparison.Ordinal);
        // Signed with the lab's own key: even a validly signed statement must not reach outside the folder.
        File.WriteAllBytes(_folder[AttestedReport.EnvelopeFileName], Dsse.Envelope(Dsse.InTotoPayloadType, Encoding.UTF8.GetBytes(hostile), _folder.Key));

        IReadOnlyList<VerificationCheck> checks = Verify();
        Assert.That(checks.Where(c => !c.Passed).Select(c => c.Name), Is.EqualTo(new[] { "subject ../secret.txt", "subject " + outside }));
        Assert.That(checks.Where(c => !c.Passed).Select(c => c.Detail), Has.All.Contain("is refused: a subject name must be a plain relative path inside the report folder"));
    }

    [Test]
    public void AStatementOfAnotherShapeFailsTheStatementCheckNamingWhatIsWrong()
    {
        string text = Encoding.UTF8.GetString(_folder.StatementBytes())
            .Replace(CertificationStatement.PredicateType, "https://cosign.sigstore.dev/attestation/v1", StringComparison.Ordinal);
        File.WriteAllBytes(_folder[AttestedReport.EnvelopeFileName], Dsse.Envelope("application/vnd.in-toto.custom+json", Encoding.UTF8.GetBytes(text), _folder.Key));

        VerificationCheck failed = Verify().Single(c => !c.Passed);
        Assert.That(failed.Name, Is.EqualTo("statement"));
        Assert.That(failed.Detail, Is.EqualTo(
            "report.html.intoto.jsonl: payloadType is \"application/vnd.in-toto.custom+json\", not \"application/vnd.in-toto+json\"; " +
            "predicateType is \"https://cosign.sigstore.dev/attestation/v1\", not \"https://rig.example/attestation/certification/v0.1\""));
    }

    private static string FileDigestOf(string statement, string name)
    {
        string marker = "\"name\":\"" + name + "\",\"digest\":{\"sha256\":\"";
        int at = statement.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return statement.Substring(at, 64);
    }
}
