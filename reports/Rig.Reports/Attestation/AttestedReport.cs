using Rig.Reports.Model;
using Rig.Reports.Signing;

namespace Rig.Reports.Attestation;

/// <summary>
/// Writes a report folder's signed files in one step with one key: report.html and
/// report.html.sig (DER ECDSA over the exact bytes), junit.xml, and report.html.intoto.jsonl (a
/// DSSE envelope over an in-toto statement whose subjects are report.html, the evidence files
/// and junit.xml). Every digest is taken from the bytes that are written.
/// </summary>
public static class AttestedReport
{
    /// <summary>The attestation's file name in a report folder.</summary>
    public const string EnvelopeFileName = ReportSigner.ReportFileName + ".intoto.jsonl";

    /// <summary>
    /// Writes the files into <paramref name="directory"/>. <paramref name="evidenceFiles"/> are
    /// names relative to it (e.g. "console.raw", "journal.jsonl", "evidence/fw.bin") of files
    /// already there; each becomes a subject.
    /// </summary>
    /// <returns>The path of report.html.</returns>
    /// <exception cref="ReportException">The report shows or names another key, an evidence name is unsafe or its file unreadable, or a file cannot be written.</exception>
    public static string Write(string directory, byte[] reportHtml, ReportModel model, LabKey key, IReadOnlyList<string> evidenceFiles)
    {
        ArgumentNullException.ThrowIfNull(reportHtml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(evidenceFiles);
        if (model.Signer.KeyFingerprint != key.Fingerprint)
        {
            throw new ReportException(
                $"{Path.Combine(directory, EnvelopeFileName)}: refusing to attest: the report names signing key {model.Signer.KeyFingerprint}, the key given is {key.Fingerprint}");
        }

        var subjects = new List<AttestationSubject> { new(ReportSigner.ReportFileName, FileDigest.Sha256(reportHtml)) };
        foreach (string name in evidenceFiles)
        {
            string path = SubjectPath.Resolve(directory, name, out string problem)
                ?? throw new ReportException($"{Path.Combine(directory, name)}: {problem}");
            if (subjects.Any(s => s.Name == name) || name is JUnitReport.FileName or EnvelopeFileName)
            {
                throw new ReportException($"{path}: listed twice, or the name of a file the report writes itself");
            }

            subjects.Add(new AttestationSubject(name, FileDigest.Sha256(path)));
        }

        string report = ReportSigner.WriteSigned(directory, reportHtml, key);
        byte[] junit = JUnitReport.Build(model, subjects);
        subjects.Add(new AttestationSubject(JUnitReport.FileName, FileDigest.Sha256(junit)));
        byte[] envelope = Dsse.Envelope(Dsse.InTotoPayloadType, CertificationStatement.Build(model, subjects), key);
        Write(Path.Combine(directory, JUnitReport.FileName), junit);
        Write(Path.Combine(directory, EnvelopeFileName), envelope);
        return report;
    }

    internal static void Write(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{path}: cannot write ({FileDigest.Reason(e)})", e);
        }
    }
}
