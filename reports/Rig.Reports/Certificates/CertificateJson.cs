using System.Text.Encodings.Web;
using System.Text.Json;
using Rig.Reports.Attestation;

namespace Rig.Reports.Certificates;

/// <summary>
/// certificate.json, and the same object as the predicate of the certificate's in-toto statement.
/// Written field by field in a fixed order (the same model gives the same bytes); text is
/// bounded and made valid UTF-16 as in the report's statement.
/// </summary>
public static class CertificateJson
{
    public const string FileName = "certificate.json";

    /// <summary>The predicate type of a certificate's statement: a versioned URI of the project's own (rig.example is a placeholder, RFC 6761).</summary>
    public const string PredicateType = "https://rig.example/attestation/certificate/v0.1";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>certificate.json's bytes: indented, ending in a newline.</summary>
    public static byte[] Build(CertificateModel m) => Indented(json => Write(json, m));

    /// <summary>The in-toto Statement v1 over the certificate's files (the DSSE payload).</summary>
    public static byte[] Statement(CertificateModel m, IReadOnlyList<AttestationSubject> subjects) =>
        Statement(PredicateType, subjects, json => Write(json, m));

    /// <summary>A JSON document written by <paramref name="write"/>: indented, ending in a newline.</summary>
    internal static byte[] Indented(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A compact in-toto Statement v1 over <paramref name="subjects"/> whose predicate <paramref name="predicate"/> writes.</summary>
    internal static byte[] Statement(string predicateType, IReadOnlyList<AttestationSubject> subjects, Action<Utf8JsonWriter> predicate)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("_type", CertificationStatement.StatementType);
            json.WriteStartArray("subject");
            foreach (AttestationSubject s in subjects)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteStartObject("digest");
                json.WriteString("sha256", s.Sha256);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("predicateType", predicateType);
            json.WritePropertyName("predicate");
            predicate(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter json, CertificateModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        json.WriteStartObject();
        Text(json, "certificateId", m.CertificateId);
        Text(json, "issued", m.Issued);
        Text(json, "validUntil", m.ValidUntil);
        Text(json, "validityReason", m.ValidityReason);
        Optional(json, "supportUntil", m.SupportUntil);
        json.WriteBoolean("secureUpdates", m.UpdatesWork);
        json.WriteStartObject("status");
        Text(json, "state", m.Status.State);
        Text(json, "basis", m.Status.Basis);
        json.WriteStartArray("vulnerabilities");
        foreach (string id in m.Status.Ids)
        {
            json.WriteStringValue(Clean(id));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("device");
        Text(json, "manufacturer", m.Manufacturer);
        Text(json, "model", m.Model);
        Optional(json, "firmwareVersion", m.FirmwareVersion);
        Optional(json, "hardwareRevision", m.HardwareRevision);
        Optional(json, "serial", m.Serial);
        json.WriteEndObject();
        json.WriteStartObject("level");
        Text(json, "id", m.Level.Id);
        Text(json, "title", m.Level.Title);
        Text(json, "standard", m.Level.Standard);
        json.WriteStartObject("scheme");
        Text(json, "name", m.Level.Scheme);
        Text(json, "version", m.Level.SchemeVersion);
        json.WriteStartObject("digest");
        Text(json, "sha256", m.Level.SchemeSha256);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("deskReview");
        foreach (string item in m.DeskReview)
        {
            json.WriteStringValue(Clean(item));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("report");
        Text(json, "id", m.ReportId);
        json.WriteStartObject("digest");
        Text(json, "sha256", m.ReportSha256);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("lab");
        Text(json, "name", m.Lab.Name);
        Optional(json, "accreditationId", m.Lab.AccreditationId);
        json.WriteEndObject();
        Text(json, "registryEntry", m.RegistryUrl);
        json.WriteStartObject("signer");
        Text(json, "name", m.Signer.Name);
        json.WriteEndObject();
        Text(json, "signingKeyFingerprint", m.Signer.KeyFingerprint);
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value) => json.WriteString(name, Clean(value));

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, Clean(value));
        }
    }

    /// <summary>Valid UTF-16 and at most 1024 characters: a profile's text is the manufacturer's, not the lab's.</summary>
    internal static string Clean(string? text)
    {
        string valid = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text ?? ""));
        return valid.Length <= 1024 ? valid : valid[..(char.IsHighSurrogate(valid[1023]) ? 1023 : 1024)] + "\u2026";
    }
}
