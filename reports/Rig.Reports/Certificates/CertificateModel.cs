using Rig.Reports.Model;

namespace Rig.Reports.Certificates;

/// <summary>
/// What a certificate states: which device (model and firmware) met which level of which
/// scheme, from when until when and why then, what was left to a desk review, its status (the
/// warning light), where its registry entry is, the report it rests on, and who signed it.
/// Plain data filled in by the rig from the run's journal.
/// </summary>
/// <param name="CertificateId">The certificate's id: the id of the report it rests on.</param>
/// <param name="ReportSha256">The SHA-256 of the signed report.html the certificate rests on.</param>
/// <param name="Issued">Issue date, YYYY-MM-DD (UTC).</param>
/// <param name="ValidUntil">Last day of validity, YYYY-MM-DD.</param>
/// <param name="SupportUntil">The end of security support the profile declares, YYYY-MM-DD; null when it declares none.</param>
/// <param name="RegistryUrl">The certificate's entry in the lab's registry: what the label's QR code encodes.</param>
public sealed record CertificateModel(
    string CertificateId,
    string ReportId,
    string ReportSha256,
    string Issued,
    string ValidUntil,
    string ValidityReason,
    string? SupportUntil,
    bool UpdatesWork,
    Lab Lab,
    string Manufacturer,
    string Model,
    string? FirmwareVersion,
    string? HardwareRevision,
    string? Serial,
    CertifiedLevel Level,
    IReadOnlyList<string> DeskReview,
    CertificateStatus Status,
    string RegistryUrl,
    SignerIdentity Signer);

/// <summary>The level met and the scheme it belongs to (named with its version and SHA-256).</summary>
public sealed record CertifiedLevel(string Id, string Title, string Standard, string Scheme, string SchemeVersion, string SchemeSha256);
