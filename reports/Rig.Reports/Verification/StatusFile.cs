using System.Text.Json;
using Rig.Reports.Certificates;
using static Rig.Reports.Certificates.CertificateJsonReader;

namespace Rig.Reports.Verification;

/// <summary>What <c>rig verify</c> and the registry read of a status.json: its state, date, validity, database and findings.</summary>
public sealed record StatusFile(string Checked, CertificateStatus Status, string ValidUntil, string CertificateSha256, string Database, IReadOnlyList<string> Findings, string? Revocation)
{
    private const int MaxBytes = 4 * 1024 * 1024;

    /// <exception cref="ReportException">Unreadable, not JSON, or a field missing or of the wrong type.</exception>
    public static StatusFile Read(string path)
    {
        byte[] bytes = Bounded(path, MaxBytes);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            JsonElement r = doc.RootElement;
            var findings = new List<string>();
            var ids = new List<string>();
            if (r.ValueKind == JsonValueKind.Object && r.TryGetProperty("vulnerabilities", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement v in list.EnumerateArray().Take(1024))
                {
                    string id = Req(v, "id", path);
                    string? published = Opt(v, "published");
                    ids.Add(id);
                    findings.Add(new StatusFinding(id, [], Opt(v, "severity") ?? "", Opt(v, "fixed") ?? "", Req(v, "component", path), Req(v, "version", path), published).ToString());
                }
            }

            CertificateStatus status = CertificateStatus.Parse(Opt(r, "state"), [.. ids.Distinct(StringComparer.Ordinal)], Req(r, "basis", path))
                ?? throw new ReportException($"{path}: \"state\" is not one of {string.Join(", ", CertificateStatus.States)}");
            JsonElement db = Obj(r, "database", path);
            return new StatusFile(Req(r, "checked", path), status, Req(r, "validUntil", path), Req(Obj(Obj(r, "certificate", path), "digest", path), "sha256", path),
                $"{Req(db, "name", path)} (sha256 {Req(db, "sha256", path)})", findings, Opt(r, "revocation"));
        }
        catch (JsonException e)
        {
            throw new ReportException($"{path}: not valid JSON (line {e.LineNumber + 1})", e);
        }
    }
}
