using System.Security.Cryptography;
using Rig.Reports.Attestation;
using Rig.Reports.Certificates;

namespace Rig.Reports.Verification;

/// <summary>
/// Checks a recheck's status beside a certificate with the lab's key: the detached signatures of
/// status.json and status.label.svg, the envelope's signature, the statement (the status
/// predicate over both files, naming the key), every subject's digest, and that the status was
/// computed from this folder's certificate.json. Every check's name starts with "status ".
/// </summary>
internal static class StatusVerifier
{
    public const string Prefix = "status ";

    /// <summary>No checks when the folder holds no status.</summary>
    public static IReadOnlyList<VerificationCheck> Verify(string directory, ECDsa key, string fingerprint)
    {
        string name = StatusJson.FileName;
        string envelopePath = Path.Combine(directory, AttestedStatus.EnvelopeName(name));
        string[] files = [name, AttestedStatus.LabelName(name)];
        if (!File.Exists(envelopePath) && !files.Any(f => File.Exists(Path.Combine(directory, f))))
        {
            return [];
        }

        var checks = files.Select(f => CertificateVerifier.Signature(Prefix, directory, f, key, fingerprint)).ToList();
        AttestationContent? attestation = ReportVerifier.ReadAttestation(envelopePath, out string problem);
        checks.Add(CertificateVerifier.Envelope(Prefix, Path.GetFileName(envelopePath), attestation, problem, key, fingerprint));
        checks.Add(CertificateVerifier.Statement(Prefix, Path.GetFileName(envelopePath), StatusJson.PredicateType, files, attestation, problem, fingerprint));
        var inputs = new VerificationInputs(Path.Combine(directory, name), [], "", null, "", key, fingerprint, directory, envelopePath, attestation, problem);
        checks.AddRange(new SubjectDigestCheck().Run(inputs).Select(c => c with { Name = Prefix + c.Name }));
        checks.Add(SameCertificate(directory));
        return checks;
    }

    private static VerificationCheck SameCertificate(string directory)
    {
        const string Name = Prefix + "certificate";
        string certificate = Path.Combine(directory, CertificateJson.FileName);
        try
        {
            StatusFile status = StatusFile.Read(Path.Combine(directory, StatusJson.FileName));
            string actual = File.Exists(certificate) ? FileDigest.Sha256(certificate) : "(no certificate.json)";
            return actual == status.CertificateSha256
                ? new VerificationCheck(Name, true, $"the status was computed from this folder's {CertificateJson.FileName} (sha256 {actual})")
                : new VerificationCheck(Name, false, $"the status names {CertificateJson.FileName} sha256 {status.CertificateSha256}, this folder's is {actual}: a status of another certificate");
        }
        catch (ReportException e)
        {
            return new VerificationCheck(Name, false, e.Message);
        }
    }
}
