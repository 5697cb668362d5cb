using System.Text.Json;
using Rig.Reports.Model;

namespace Rig.Reports.Certificates;

/// <summary>
/// Reads certificate.json back into a <see cref="CertificateModel"/>, so a recheck can re-issue
/// the label and the registry can list it. Read only after its signature held, but still bounded
/// and typed: a missing or mistyped field is one line naming the file, never an exception trace.
/// The lab's address is not in certificate.json and reads as empty.
/// </summary>
public static class CertificateJsonReader
{
    private const int MaxBytes = 1024 * 1024;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <exception cref="ReportException">Unreadable, too large, not JSON, or a field missing or of the wrong type.</exception>
    public static CertificateModel Read(string path)
    {
        byte[] bytes = Bounded(path, MaxBytes);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(bytes, Options);
            JsonElement r = doc.RootElement;
            JsonElement status = Obj(r, "status", path), device = Obj(r, "device", path), level = Obj(r, "level", path);
            JsonElement scheme = Obj(level, "scheme", path), report = Obj(r, "report", path), lab = Obj(r, "lab", path);
            IReadOnlyList<string> ids = Strings(status, "vulnerabilities", path);
            CertificateStatus light = CertificateStatus.Parse(Opt(status, "state"), ids, Req(status, "basis", path))
                ?? throw new ReportException($"{path}: \"status\".\"state\" is not one of {string.Join(", ", CertificateStatus.States)}");
            return new CertificateModel(
                Req(r, "certificateId", path),
                Req(report, "id", path),
                Req(Obj(report, "digest", path), "sha256", path),
                Req(r, "issued", path),
                Req(r, "validUntil", path),
                Req(r, "validityReason", path),
                Opt(r, "supportUntil"),
                r.TryGetProperty("secureUpdates", out JsonElement u) && u.ValueKind == JsonValueKind.True,
                new Lab(Req(lab, "name", path), "", Opt(lab, "accreditationId")),
                Req(device, "manufacturer", path),
                Req(device, "model", path),
                Opt(device, "firmwareVersion"),
                Opt(device, "hardwareRevision"),
                Opt(device, "serial"),
                new CertifiedLevel(Req(level, "id", path), Req(level, "title", path), Req(level, "standard", path),
                    Req(scheme, "name", path), Req(scheme, "version", path), Req(Obj(scheme, "digest", path), "sha256", path)),
                Strings(level, "deskReview", path),
                light,
                Req(r, "registryEntry", path),
                new SignerIdentity(Req(Obj(r, "signer", path), "name", path), Req(r, "signingKeyFingerprint", path)));
        }
        catch (JsonException e)
        {
            throw new ReportException($"{path}: not valid JSON (line {e.LineNumber + 1})", e);
        }
    }

    /// <summary>A file's bytes, refusing one larger than <paramref name="max"/>; one line naming the file when it cannot be read.</summary>
    internal static byte[] Bounded(string path, int max)
    {
        try
        {
            long length = new FileInfo(path).Length;
            return length > max ? throw new ReportException($"{path}: larger than {max} bytes") : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{path}: cannot be read ({Attestation.FileDigest.Reason(e)})", e);
        }
    }

    internal static JsonElement Obj(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Object
            ? v
            : throw new ReportException($"{path}: \"{name}\" is missing or not an object");

    internal static string Req(JsonElement e, string name, string path) =>
        Opt(e, name) ?? throw new ReportException($"{path}: \"{name}\" is missing or not a string");

    internal static string? Opt(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static IReadOnlyList<string> Strings(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Take(1024).Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new ReportException($"{path}: \"{name}\" holds a non-string"))]
            : throw new ReportException($"{path}: \"{name}\" is missing or not an array");
}
