namespace Rig.Reports.Attestation;

/// <summary>
/// A file the attestation vouches for: its name relative to the report folder ("/" separated)
/// and the lowercase hex SHA-256 of its bytes.
/// </summary>
public sealed record AttestationSubject(string Name, string Sha256);
