namespace Rig.Reports.Model;

/// <summary>Who signs the report, and the fingerprint of the key they sign with.</summary>
/// <param name="KeyFingerprint">Lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</param>
public sealed record SignerIdentity(string Name, string KeyFingerprint);
