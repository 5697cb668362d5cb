using System.Security.Cryptography;

namespace Rig.Reports.Signing;

/// <summary>
/// A lab's ECDSA P-256 signing key, loaded from its file. It has no member that exposes the
/// private key, and its string form shows only the fingerprint and the file.
/// </summary>
public sealed class LabKey : IDisposable
{
    internal LabKey(ECDsa key, string path)
    {
        Key = key;
        Path = path;
        Fingerprint = LabKeys.Fingerprint(key);
    }

    /// <summary>The private key file it came from.</summary>
    public string Path { get; }

    /// <summary>Lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER.</summary>
    public string Fingerprint { get; }

    internal ECDsa Key { get; }

    public void Dispose() => Key.Dispose();

    public override string ToString() => $"lab key sha256:{Fingerprint} ({Path})";
}
