using System.Security.Cryptography;
using Rig.Reports.Attestation;
using Rig.Reports.Signing;

namespace Rig.Reports.Verification;

/// <summary>
/// Checks a signed report against a lab public key obtained out of band. A bad report gives
/// failed checks; only unreadable inputs throw.
/// </summary>
public static class ReportVerifier
{
    private const int MaxSignatureBytes = 4096;
    private const int MaxEnvelopeBytes = 16 * 1024 * 1024;

    // Run in this order, so the output reads from the report to what the attestation vouches for.
    private static readonly IReportCheck[] Checks =
        [new SignatureCheck(), new FingerprintCheck(), new EnvelopeSignatureCheck(), new StatementCheck(), new SubjectDigestCheck()];

    /// <summary>
    /// Verifies report.html (<paramref name="reportPath"/> is the file or its folder),
    /// report.html.sig and report.html.intoto.jsonl beside it with the public key in
    /// <paramref name="publicKeyPath"/>, and every subject the attestation lists against the
    /// file of that name in the report's folder. One result per check, in a fixed order:
    /// signature, key fingerprint, envelope signature, statement, then "subject NAME" each; then,
    /// when the folder holds a certificate, its checks (see <see cref="CertificateVerifier"/>), and
    /// when it holds a recheck's status, the status's (see <see cref="StatusVerifier"/>).
    /// </summary>
    /// <exception cref="ReportException">The report or the key cannot be read, or the key is not a P-256 public key.</exception>
    public static IReadOnlyList<VerificationCheck> Verify(string reportPath, string publicKeyPath)
    {
        using ECDsa key = LabKeys.LoadPublic(publicKeyPath);
        return Verify(reportPath, key, publicKeyPath);
    }

    /// <summary>The same checks with the public half of the lab's own signing key: how a recheck refuses a folder the lab did not sign, or one changed since.</summary>
    public static IReadOnlyList<VerificationCheck> Verify(string reportPath, LabKey labKey)
    {
        ArgumentNullException.ThrowIfNull(labKey);
        return Verify(reportPath, labKey.Key, labKey.Path);
    }

    private static IReadOnlyList<VerificationCheck> Verify(string reportPath, ECDsa key, string publicKeyPath)
    {
        string report = Directory.Exists(reportPath) ? Path.Combine(reportPath, ReportSigner.ReportFileName) : reportPath;
        string signaturePath = report + ReportSigner.SignatureSuffix;
        byte[] html = Read(report, "report");
        byte[]? signature = File.Exists(signaturePath) ? ReadSignature(signaturePath) : null;
        string directory = Path.GetDirectoryName(Path.GetFullPath(report))!;
        string envelopePath = Path.Combine(directory, AttestedReport.EnvelopeFileName);
        AttestationContent? attestation = ReadAttestation(envelopePath, out string problem);
        var inputs = new VerificationInputs(report, html, signaturePath, signature, publicKeyPath, key, LabKeys.Fingerprint(key),
            directory, envelopePath, attestation, problem);
        // A certificate beside the report is checked with it: its absence is no failure, a broken one is.
        return [.. Checks.SelectMany(c => c.Run(inputs)), .. CertificateVerifier.Verify(directory, key, LabKeys.Fingerprint(key)), .. StatusVerifier.Verify(directory, key, LabKeys.Fingerprint(key))];
    }

    // A missing, huge or malformed attestation is a bad report: its checks fail, saying why.
    internal static AttestationContent? ReadAttestation(string path, out string problem)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            problem = "missing";
            return null;
        }

        if (info.Length > MaxEnvelopeBytes)
        {
            problem = $"{info.Length} bytes is too large for an attestation";
            return null;
        }

        return AttestationReader.Read(Read(path, "attestation"), out problem);
    }

    // A signature file larger than any DER P-256 signature is a bad report, not an unreadable one.
    internal static byte[] ReadSignature(string path)
    {
        var info = new FileInfo(path);
        return info.Length > MaxSignatureBytes ? [] : Read(path, "signature");
    }

    internal static byte[] Read(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e switch
            {
                FileNotFoundException => "no such file",
                DirectoryNotFoundException => "no such directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new ReportException($"{path}: cannot read the {what} ({reason})", e);
        }
    }
}
