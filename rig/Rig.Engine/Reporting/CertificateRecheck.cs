using System.Globalization;
using Rig.Engine.Inventory;
using Rig.Engine.Vulnerabilities;
using Rig.Reports;
using Rig.Reports.Attestation;
using Rig.Reports.Certificates;
using Rig.Reports.Signing;
using Rig.Reports.Verification;

namespace Rig.Engine.Reporting;

/// <summary>
/// <c>rig recheck</c>: the status of an issued certificate on a given day, from what was signed
/// at issue and nothing else. The folder is verified with the lab's key first (a changed or
/// foreign folder is refused); the SBOM, a signed subject of the report, is matched against a
/// newer OSV database; the lab's revocation list and the certificate's last day are consulted;
/// the status is signed and written with a re-issued label.
/// Order of precedence: revoked, expired, warning, valid.
/// </summary>
public static class CertificateRecheck
{
    /// <exception cref="ReportException">An unsigned, changed or foreign folder, no SBOM among its signed files, a bad database.</exception>
    public static RecheckStatus Run(string folder, string database, LabKey key, DateOnly on, IReadOnlyList<Revocation> revocations, string statusPath)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Directory.Exists(folder))
        {
            throw new ReportException($"{folder}: no such folder");
        }

        string certificatePath = Path.Combine(folder, CertificateJson.FileName);
        if (!File.Exists(certificatePath))
        {
            throw new ReportException($"{certificatePath}: no such file: only a certificate's folder can be rechecked");
        }

        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(folder, key);
        if (checks.FirstOrDefault(c => !c.Passed) is { } failed)
        {
            throw new ReportException($"{folder}: refusing to recheck: {failed.Name}: {failed.Detail}");
        }

        string sbomPath = Path.Combine(folder, CycloneDxWriter.FileName);
        if (!checks.Any(c => c.Name == "subject " + CycloneDxWriter.FileName))
        {
            throw new ReportException($"{folder}: refusing to recheck: {CycloneDxWriter.FileName} is not among the report's signed files (FW-02 did not run), so there is no inventory to match");
        }

        CertificateModel certificate = CertificateJsonReader.Read(certificatePath);
        IReadOnlyList<Component> components;
        IReadOnlyList<VulnerabilityFinding> findings;
        string dbDigest;
        try
        {
            components = CycloneDxReader.Components(sbomPath);
            OsvDatabase db = OsvDatabase.Open(database);
            dbDigest = db.Digest();
            findings = KnownVulnerabilities.Check(components, db);
        }
        catch (Exception e) when (e is InvalidDataException or OsvDatabaseException)
        {
            throw new ReportException(e.Message, e);
        }

        string day = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string dbName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(database)));
        Revocation? revoked = RevocationList.Find(revocations, certificate.CertificateId, on);
        var status = new RecheckStatus(
            certificate.CertificateId,
            day,
            Decide(certificate, findings, revoked, on, $"{components.Count} component(s) matched against {dbName} on {day}"),
            certificate.ValidUntil,
            FileDigest.Sha256(certificatePath),
            FileDigest.Sha256(sbomPath),
            dbName,
            dbDigest,
            components.Count,
            [.. findings.Select(f => new StatusFinding(f.Record.Id, f.Record.Aliases, f.Record.Severity.ToString(), f.Fix, f.Component.Name, f.Component.Version, f.Record.Published))],
            revoked?.ToString(),
            key.Fingerprint);
        AttestedStatus.Write(statusPath, status, certificate, key);
        return status;
    }

    private static CertificateStatus Decide(CertificateModel certificate, IReadOnlyList<VulnerabilityFinding> findings, Revocation? revoked, DateOnly on, string matched)
    {
        var ids = findings.Select(f => f.Record.Id).Distinct(StringComparer.Ordinal).ToList();
        string known = ids.Count == 0 ? "none affected" : $"{ids.Count} known vulnerabilit{(ids.Count == 1 ? "y" : "ies")}";
        if (revoked is not null)
        {
            return CertificateStatus.Revoked($"{revoked}; {matched}: {known}", ids);
        }

        if (StatusLine.Effective(CertificateStatus.Checked(""), certificate.ValidUntil, on) == CertificateStatus.ExpiredState)
        {
            return CertificateStatus.Expired($"valid until {certificate.ValidUntil}; {matched}: {known}", ids);
        }

        return ids.Count > 0 ? CertificateStatus.Warning(ids, $"{matched}: {known}") : CertificateStatus.Checked($"{matched}: {known}");
    }
}
