using Rig.Reports.Attestation;
using Rig.Reports.Certificates;
using Rig.Reports.Model;
using Rig.Tests.Attestation;
using Rig.Tests.Reports;

namespace Rig.Tests.Certificates;

/// <summary>A signed report folder (as the rig writes one) with a certificate written beside the report; deleted on dispose.</summary>
internal sealed class CertificateFolder : IDisposable
{
    public const string Registry = "https://registry.lab.example/certificates/LAB42-2026-0007/";

    private readonly AttestedFolder _report;

    public CertificateFolder(CertificateStatus? status = null, string manufacturer = "Acme", IReadOnlyDictionary<string, byte[]>? evidence = null)
    {
        _report = new AttestedFolder(evidence: evidence);
        Model = Sample(_report.Model, FileDigest.Sha256(_report["report.html"]), status ?? CertificateStatus.Valid) with { Manufacturer = manufacturer };
        AttestedCertificate.Write(Dir, Model, _report.Key);
    }

    public CertificateModel Model { get; }

    public string Dir => _report.Dir;

    public string PublicKey => _report.PublicKey;

    /// <summary>The lab's private key file (outside the folder).</summary>
    public string PrivateKey => _report.Key.Path;

    public string Scratch(string name) => _report.Scratch(name);

    public string this[string name] => _report[name];

    public static CertificateModel Sample(ReportModel report, string reportSha256, CertificateStatus status) => new(
        report.ReportId,
        report.ReportId,
        reportSha256,
        "2026-11-21",
        "2028-12-31",
        "the end of the declared security support period (2028-12-31)",
        "2028-12-31",
        true,
        report.Lab,
        report.Device.Manufacturer,
        report.Device.Model,
        report.Device.FirmwareVersion,
        report.Device.HardwareRevision,
        report.Device.Serial,
        new CertifiedLevel("ISVS-L2", "OWASP ISVS L2, automatable requirements", "OWASP ISVS 1.0 (2025-10), level 2", "Test ladder", "1", new string('f', 64)),
        ["EN-303-645 5.2-1 A vulnerability disclosure policy is published"],
        status,
        Registry,
        report.Signer);

    public void Dispose() => _report.Dispose();
}
