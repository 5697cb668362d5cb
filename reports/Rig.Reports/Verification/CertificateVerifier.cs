using System.Security.Cryptography;
using Rig.Reports.Attestation;
using Rig.Reports.Certificates;
using Rig.Reports.Signing;

namespace Rig.Reports.Verification;

/// <summary>
/// Checks a certificate beside its report with the lab's key: each file's detached signature,
/// the envelope's signature, the statement (the certificate predicate, every certificate file and
/// report.html among its subjects, the verifying key named), and every subject's digest.
/// Every check's name starts with "certificate ".
/// </summary>
internal static class CertificateVerifier
{
    public const string Prefix = "certificate ";

    /// <summary>No checks when the folder holds no certificate file at all.</summary>
    public static IReadOnlyList<VerificationCheck> Verify(string directory, ECDsa key, string fingerprint)
    {
        string envelopePath = Path.Combine(directory, AttestedCertificate.EnvelopeFileName);
        if (!File.Exists(envelopePath) && !AttestedCertificate.Files.Any(f => File.Exists(Path.Combine(directory, f))))
        {
            return [];
        }

        var checks = AttestedCertificate.Files.Select(f => Signature(Prefix, directory, f, key, fingerprint)).ToList();
        AttestationContent? attestation = ReportVerifier.ReadAttestation(envelopePath, out string problem);
        checks.Add(Envelope(Prefix, AttestedCertificate.EnvelopeFileName, attestation, problem, key, fingerprint));
        checks.Add(Statement(Prefix, AttestedCertificate.EnvelopeFileName, CertificateJson.PredicateType, [.. AttestedCertificate.Files, ReportSigner.ReportFileName], attestation, problem, fingerprint));
        var inputs = new VerificationInputs(Path.Combine(directory, CertificateJson.FileName), [], "", null, "", key, fingerprint, directory, envelopePath, attestation, problem);
        checks.AddRange(new SubjectDigestCheck().Run(inputs).Select(c => c with { Name = Prefix + c.Name }));
        return checks;
    }

    /// <summary>FILE.sig beside FILE is a DER ECDSA signature over it by the key.</summary>
    internal static VerificationCheck Signature(string prefix, string directory, string file, ECDsa key, string fingerprint)
    {
        string name = $"{prefix}signature {file}";
        string path = Path.Combine(directory, file);
        string sigPath = path + ReportSigner.SignatureSuffix;
        if (!File.Exists(path) || !File.Exists(sigPath))
        {
            return new VerificationCheck(name, false, $"{(File.Exists(path) ? file + ReportSigner.SignatureSuffix : file)} is missing");
        }

        bool valid;
        try
        {
            valid = key.VerifyData(ReportVerifier.Read(path, prefix.Trim()), ReportVerifier.ReadSignature(sigPath), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        return valid
            ? new VerificationCheck(name, true, $"{file}{ReportSigner.SignatureSuffix} is a valid signature over {file} by key sha256:{fingerprint}")
            : new VerificationCheck(name, false, $"{file}{ReportSigner.SignatureSuffix} does not verify over {file} with key sha256:{fingerprint}: the file was changed, or signed with another key");
    }

    /// <summary>The DSSE envelope is signed by the key.</summary>
    internal static VerificationCheck Envelope(string prefix, string envelopeName, AttestationContent? a, string problem, ECDsa key, string fingerprint)
    {
        string name = prefix + "envelope signature";
        if (a is null)
        {
            return new VerificationCheck(name, false, $"{envelopeName}: {problem}");
        }

        return a.Signatures.Any(s => Dsse.Verify(a.PayloadType, a.Payload, s, key))
            ? new VerificationCheck(name, true, $"{envelopeName} is validly signed by key sha256:{fingerprint}")
            : new VerificationCheck(name, false, $"{envelopeName} does not verify with key sha256:{fingerprint}: the statement was changed, or signed with another key");
    }

    /// <summary>An in-toto Statement v1 of <paramref name="predicateType"/> over (at least) <paramref name="needed"/>, naming the verifying key.</summary>
    internal static VerificationCheck Statement(string prefix, string envelopeName, string predicateType, string[] needed, AttestationContent? a, string problem, string fingerprint)
    {
        string name = prefix + "statement";
        if (a?.Statement is not { } s)
        {
            return new VerificationCheck(name, false, $"{envelopeName}: {(a is null ? problem : a.StatementProblem)}");
        }

        var problems = new List<string>();
        if (a.PayloadType != Dsse.InTotoPayloadType || s.Type != CertificationStatement.StatementType)
        {
            problems.Add("it is not an in-toto Statement v1");
        }

        if (s.PredicateType != predicateType)
        {
            problems.Add($"its predicateType is not {predicateType}");
        }

        if (needed.FirstOrDefault(f => s.Subjects?.Any(x => x.Name == f) != true) is { } missing)
        {
            problems.Add($"{missing} is not among its subjects");
        }

        if (s.SigningKeyFingerprint != fingerprint)
        {
            problems.Add($"its predicate does not name signing key sha256:{fingerprint}");
        }

        return problems.Count == 0
            ? new VerificationCheck(name, true, $"an in-toto Statement v1 of {predicateType} over {string.Join(", ", needed)}, naming key sha256:{fingerprint}")
            : new VerificationCheck(name, false, $"{envelopeName}: " + string.Join("; ", problems));
    }
}
