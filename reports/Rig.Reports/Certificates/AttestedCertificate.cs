using Rig.Reports.Attestation;
using Rig.Reports.Signing;

namespace Rig.Reports.Certificates;

/// <summary>
/// Writes a certificate beside its signed report, signed like the report with the same key:
/// certificate.html, label.svg and certificate.json, each with a detached DER ECDSA signature
/// (FILE.sig, which openssl checks alone), and certificate.intoto.jsonl, a DSSE envelope over an
/// in-toto statement whose subjects are the three files and report.html, and whose predicate is
/// the certificate itself.
/// </summary>
public static class AttestedCertificate
{
    public const string EnvelopeFileName = "certificate.intoto.jsonl";

    /// <summary>The files a certificate consists of, each signed on its own.</summary>
    public static IReadOnlyList<string> Files { get; } = [CertificateRenderer.FileName, LabelSvg.FileName, CertificateJson.FileName];

    /// <returns>The path of certificate.html.</returns>
    /// <exception cref="ReportException">The model names another key, the report is missing, or a file cannot be written.</exception>
    public static string Write(string directory, CertificateModel model, LabKey key)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(key);
        if (model.Signer.KeyFingerprint != key.Fingerprint)
        {
            throw new ReportException($"{Path.Combine(directory, EnvelopeFileName)}: refusing to sign: the certificate names signing key {model.Signer.KeyFingerprint}, the key given is {key.Fingerprint}");
        }

        string report = Path.Combine(directory, ReportSigner.ReportFileName);
        string reportDigest = FileDigest.Sha256(report);
        if (reportDigest != model.ReportSha256)
        {
            throw new ReportException($"{report}: has sha256 {reportDigest}, the certificate names {model.ReportSha256}");
        }

        byte[] svg = LabelSvg.Render(model);
        var contents = new Dictionary<string, byte[]>
        {
            [CertificateRenderer.FileName] = CertificateRenderer.Render(model, System.Text.Encoding.UTF8.GetString(svg)),
            [LabelSvg.FileName] = svg,
            [CertificateJson.FileName] = CertificateJson.Build(model),
        };
        var subjects = Files.Select(f => new AttestationSubject(f, FileDigest.Sha256(contents[f]))).ToList();
        subjects.Add(new AttestationSubject(ReportSigner.ReportFileName, reportDigest));
        byte[] envelope = Dsse.Envelope(Dsse.InTotoPayloadType, CertificateJson.Statement(model, subjects), key);
        foreach (string f in Files)
        {
            AttestedReport.Write(Path.Combine(directory, f), contents[f]);
            AttestedReport.Write(Path.Combine(directory, f + ReportSigner.SignatureSuffix), ReportSigner.Sign(contents[f], key));
        }

        AttestedReport.Write(Path.Combine(directory, EnvelopeFileName), envelope);
        return Path.Combine(directory, CertificateRenderer.FileName);
    }
}
