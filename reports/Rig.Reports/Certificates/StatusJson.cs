using System.Text.Json;
using Rig.Reports.Attestation;

namespace Rig.Reports.Certificates;

/// <summary>
/// status.json, and the same object as the predicate of the status's in-toto statement: written
/// field by field in a fixed order; text is bounded and valid UTF-16 as in certificate.json.
/// </summary>
public static class StatusJson
{
    public const string FileName = "status.json";

    /// <summary>The predicate type of a status's statement (rig.example is a placeholder, RFC 6761).</summary>
    public const string PredicateType = "https://rig.example/attestation/certificate-status/v0.1";

    public static byte[] Build(RecheckStatus s) => CertificateJson.Indented(json => Write(json, s));

    /// <summary>The in-toto Statement v1 over the status's files (the DSSE payload).</summary>
    public static byte[] Statement(RecheckStatus s, IReadOnlyList<AttestationSubject> subjects) =>
        CertificateJson.Statement(PredicateType, subjects, json => Write(json, s));

    private static void Write(Utf8JsonWriter json, RecheckStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        json.WriteStartObject();
        json.WriteString("certificateId", CertificateJson.Clean(s.CertificateId));
        json.WriteString("checked", s.Checked);
        json.WriteString("state", s.Status.State);
        json.WriteString("basis", CertificateJson.Clean(s.Status.Basis));
        json.WriteString("validUntil", CertificateJson.Clean(s.ValidUntil));
        if (s.Revocation is { } revocation)
        {
            json.WriteString("revocation", CertificateJson.Clean(revocation));
        }

        json.WriteStartObject("certificate");
        json.WriteString("name", CertificateJson.FileName);
        json.WriteStartObject("digest");
        json.WriteString("sha256", s.CertificateSha256);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("sbom");
        json.WriteString("name", "sbom.cdx.json");
        json.WriteStartObject("digest");
        json.WriteString("sha256", s.SbomSha256);
        json.WriteEndObject();
        json.WriteNumber("components", s.Components);
        json.WriteEndObject();
        json.WriteStartObject("database");
        json.WriteString("name", CertificateJson.Clean(s.DatabaseName));
        json.WriteString("sha256", s.DatabaseSha256);
        json.WriteEndObject();
        json.WriteStartArray("vulnerabilities");
        foreach (StatusFinding f in s.Findings)
        {
            json.WriteStartObject();
            json.WriteString("id", CertificateJson.Clean(f.Id));
            json.WriteStartArray("aliases");
            foreach (string a in f.Aliases)
            {
                json.WriteStringValue(CertificateJson.Clean(a));
            }

            json.WriteEndArray();
            json.WriteString("severity", CertificateJson.Clean(f.Severity));
            json.WriteString("fixed", CertificateJson.Clean(f.Fixed));
            json.WriteString("component", CertificateJson.Clean(f.Component));
            json.WriteString("version", CertificateJson.Clean(f.Version));
            if (f.Published is { } published)
            {
                json.WriteString("published", CertificateJson.Clean(published));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("signingKeyFingerprint", s.SigningKeyFingerprint);
        json.WriteEndObject();
    }
}
