using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rig.Reports.Model;

namespace Rig.Reports.Attestation;

/// <summary>
/// The in-toto Statement v1 a report's attestation carries: the files it vouches for as
/// subjects, and the certification predicate (report id, issue time, lab, device, scheme and
/// its statement, every plan's verdict and reason, the signing key's fingerprint).
/// Written field by field in a fixed order: compact, relaxed escaping, strings and integers
/// only, times in UTC with "Z", digests in lowercase hex. The same model gives the same bytes.
/// </summary>
public static class CertificationStatement
{
    /// <summary>The in-toto statement type.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>
    /// The predicate's type: a versioned URI of the project's own. rig.example is a placeholder
    /// domain (RFC 6761 reserves .example) until the project has a home to publish the schema at.
    /// </summary>
    public const string PredicateType = "https://rig.example/attestation/certification/v0.1";

    // Device-quoted text in reasons is kept, but bounded; the report shows the same cap.
    private const int MaxFieldChars = 4 * 1024;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The statement's UTF-8 bytes (no BOM, no trailing newline): the DSSE payload.</summary>
    public static byte[] Build(ReportModel model, IReadOnlyList<AttestationSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(subjects);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("_type", StatementType);
            json.WriteStartArray("subject");
            foreach (AttestationSubject s in subjects)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                Digest(json, s.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("predicateType", PredicateType);
            json.WritePropertyName("predicate");
            Predicate(json, model);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Predicate(Utf8JsonWriter json, ReportModel m)
    {
        json.WriteStartObject();
        Text(json, "reportId", m.ReportId);
        Text(json, "title", m.Title);
        json.WriteString("issuedAt", Utc(m.IssuedAtUtc));
        Text(json, "rigVersion", m.RigVersion);
        json.WriteStartObject("lab");
        Text(json, "name", m.Lab.Name);
        Text(json, "address", m.Lab.Address);
        Optional(json, "accreditationId", m.Lab.AccreditationId);
        json.WriteEndObject();

        json.WriteStartObject("device");
        Text(json, "manufacturer", m.Device.Manufacturer);
        Text(json, "model", m.Device.Model);
        Optional(json, "firmwareVersion", m.Device.FirmwareVersion);
        Optional(json, "serial", m.Device.Serial);
        Text(json, "address", m.Device.Address);
        json.WriteStartObject("profile");
        Text(json, "name", m.Device.ProfileName);
        Digest(json, m.Device.ProfileSha256);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("bench");
        Text(json, "name", m.Bench.Name);
        Text(json, "slot", m.Bench.Slot);
        Digest(json, m.Bench.BenchFileSha256);
        json.WriteEndObject();

        json.WriteString("testStarted", Utc(m.TestStartedUtc));
        json.WriteString("testFinished", Utc(m.TestFinishedUtc));
        Text(json, "verdict", m.Overall);
        if (m.Conformity is { } c)
        {
            Scheme(json, c);
        }

        json.WriteStartArray("plans");
        foreach (PlanResult p in m.Plans ?? [])
        {
            Plan(json, p);
        }

        json.WriteEndArray();
        json.WriteStartObject("signer");
        Text(json, "name", m.Signer.Name);
        json.WriteEndObject();
        Text(json, "signingKeyFingerprint", m.Signer.KeyFingerprint);
        json.WriteEndObject();
    }

    private static void Scheme(Utf8JsonWriter json, ConformityStatement c)
    {
        json.WriteStartObject("scheme");
        Text(json, "name", c.Scheme);
        Text(json, "version", c.Version);
        Text(json, "standard", c.Standard);
        Text(json, "decisionRule", c.DecisionRule);
        Text(json, "statement", c.Overall);
        json.WriteStartArray("provisions");
        foreach (ProvisionOutcome p in c.Provisions ?? [])
        {
            json.WriteStartObject();
            Text(json, "id", p.Id);
            Text(json, "outcome", p.Outcome);
            Text(json, "decidedBy", p.DecidedBy);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Plan(Utf8JsonWriter json, PlanResult p)
    {
        json.WriteStartObject();
        Text(json, "id", p.Id);
        Text(json, "title", p.Title);
        json.WriteStartObject("file");
        Text(json, "name", p.File);
        Digest(json, p.Sha256);
        json.WriteEndObject();
        json.WriteStartArray("provisions");
        foreach (string provision in p.Provisions ?? [])
        {
            json.WriteStringValue(Clean(provision));
        }

        json.WriteEndArray();
        Text(json, "verdict", p.Verdict);
        Text(json, "reason", p.Reason);
        json.WriteStartArray("inputs");
        foreach (InputFile input in p.Inputs ?? [])
        {
            json.WriteStartObject();
            Text(json, "name", input.Name);
            Digest(json, input.Sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // in-toto's DigestSet: {"sha256": "<lowercase hex>"}.
    private static void Digest(Utf8JsonWriter json, string? hex)
    {
        json.WriteStartObject("digest");
        json.WriteString("sha256", Clean(hex).ToLowerInvariant());
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

    /// <summary>Valid UTF-16 (lone surrogates become U+FFFD, which the JSON writer would refuse) and bounded.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        string valid = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        if (valid.Length <= MaxFieldChars)
        {
            return valid;
        }

        int cut = char.IsHighSurrogate(valid[MaxFieldChars - 1]) ? MaxFieldChars - 1 : MaxFieldChars;
        return valid[..cut] + "[\u2026 " + (valid.Length - cut).ToString(CultureInfo.InvariantCulture) + " more characters]";
    }

    /// <summary>UTC to the second with "Z", as in-toto wants; never the machine's culture or offset.</summary>
    internal static string Utc(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
