using Rig.Reports.Attestation;
using Rig.Reports.Signing;

namespace Rig.Reports.Certificates;

/// <summary>
/// Writes a recheck's status, signed with the lab's key like the certificate: status.json, a
/// re-issued label showing the new light (status.label.svg; the certificate's own label.svg is
/// signed as issued and stays), each with a detached DER signature, and status.intoto.jsonl, a
/// DSSE envelope over an in-toto statement whose subjects are those two files and whose
/// predicate is the status. The certificate and SBOM it was computed from are named by digest
/// in the predicate, so the status may be written outside the certificate's folder.
/// </summary>
public static class AttestedStatus
{
    /// <summary>The re-issued label's name beside a status file: "status.json" gives "status.label.svg".</summary>
    public static string LabelName(string statusName) => Stem(statusName) + ".label.svg";

    /// <summary>The envelope's name beside a status file: "status.json" gives "status.intoto.jsonl".</summary>
    public static string EnvelopeName(string statusName) => Stem(statusName) + ".intoto.jsonl";

    /// <summary>Writes the files; <paramref name="statusPath"/> is status.json's path.</summary>
    /// <exception cref="ReportException">The status names another key, or a file cannot be written.</exception>
    public static void Write(string statusPath, RecheckStatus status, CertificateModel certificate, LabKey key)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        string directory = Path.GetDirectoryName(Path.GetFullPath(statusPath))!;
        string name = Path.GetFileName(statusPath);
        if (status.SigningKeyFingerprint != key.Fingerprint)
        {
            throw new ReportException($"{statusPath}: refusing to sign: the status names signing key {status.SigningKeyFingerprint}, the key given is {key.Fingerprint}");
        }

        var contents = new Dictionary<string, byte[]>
        {
            [name] = StatusJson.Build(status),
            [LabelName(name)] = LabelSvg.Render(certificate with { Status = status.Status }),
        };
        var subjects = contents.Select(c => new AttestationSubject(c.Key, FileDigest.Sha256(c.Value))).ToList();
        byte[] envelope = Dsse.Envelope(Dsse.InTotoPayloadType, StatusJson.Statement(status, subjects), key);
        foreach ((string file, byte[] bytes) in contents)
        {
            AttestedReport.Write(Path.Combine(directory, file), bytes);
            AttestedReport.Write(Path.Combine(directory, file + ReportSigner.SignatureSuffix), ReportSigner.Sign(bytes, key));
        }

        AttestedReport.Write(Path.Combine(directory, EnvelopeName(name)), envelope);
    }

    private static string Stem(string statusName) =>
        statusName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? statusName[..^5] : statusName;
}
