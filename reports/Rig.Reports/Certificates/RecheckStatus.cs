namespace Rig.Reports.Certificates;

/// <summary>
/// A certificate's status as a later recheck found it: the state (valid, warning, expired,
/// revoked) and what it rests on: the signed certificate and SBOM it was computed from (by
/// digest), the vulnerability database (name and digest), each known vulnerability found and,
/// when revoked, the lab's entry. Plain data; <see cref="StatusJson"/> writes it.
/// </summary>
/// <param name="Checked">The date the status holds for, YYYY-MM-DD.</param>
/// <param name="Status">The light; its ids are the findings' ids.</param>
/// <param name="Revocation">The lab's revocation entry when revoked (its date and reason); null otherwise.</param>
public sealed record RecheckStatus(
    string CertificateId,
    string Checked,
    CertificateStatus Status,
    string ValidUntil,
    string CertificateSha256,
    string SbomSha256,
    string DatabaseName,
    string DatabaseSha256,
    int Components,
    IReadOnlyList<StatusFinding> Findings,
    string? Revocation,
    string SigningKeyFingerprint);

/// <summary>One known vulnerability of one component: its id and aliases, severity, the fixed version, and since when it is known (the record's published date, when it gives one).</summary>
public sealed record StatusFinding(string Id, IReadOnlyList<string> Aliases, string Severity, string Fixed, string Component, string Version, string? Published)
{
    public override string ToString() => $"{Id} in {Component} {Version}" + (Published is { Length: > 0 } p ? $" (published {p})" : "");
}
