namespace Rig.Reports.Certificates;

/// <summary>The certificate as its template sees it: strings and lists only, already cleaned; the label only through {{certificateLabel}}.</summary>
public sealed record CertificateView(
    string CertificateId,
    string ReportId,
    string ReportSha256,
    string Issued,
    string ValidUntil,
    string ValidityReason,
    string? SupportUntil,
    string SecureUpdates,
    string Manufacturer,
    string Model,
    string? FirmwareVersion,
    string? HardwareRevision,
    string? Serial,
    string LevelId,
    string LevelTitle,
    string Standard,
    string Scheme,
    string SchemeVersion,
    string SchemeSha256,
    IReadOnlyList<string> DeskReview,
    StatusView Status,
    string RegistryUrl,
    string LabName,
    string? Accreditation,
    string SignerName,
    string KeyFingerprint)
{
    /// <summary>label.svg's markup, written only by the {{certificateLabel}} helper.</summary>
    internal string LabelMarkup { get; init; } = "";
}

/// <summary>The warning light: its words, a CSS class from a fixed set (valid, warning), and the vulnerability ids.</summary>
public sealed record StatusView(string Text, string Class, IReadOnlyList<string> Ids, string Basis);
