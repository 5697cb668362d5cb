using System.Security.Cryptography;

namespace Rig.VirtualDevice;

/// <summary>
/// The camera's ecdsa-sha2-nistp256 host key (RFC 5656 §3). Made on the first boot and kept in
/// flash, so a client that pinned it sees the same key after every power cycle, as on a real device.
/// </summary>
internal sealed class SshHostKey : IDisposable
{
    public const string Algorithm = "ecdsa-sha2-nistp256";
    private const string Curve = "nistp256";

    private readonly ECDsa _key;

    private SshHostKey(ECDsa key)
    {
        _key = key;
        ECParameters p = key.ExportParameters(includePrivateParameters: false);
        Blob = new SshWriter(withType: false).String(Algorithm).String(Curve).String(Point(p.Q)).ToArray();
    }

    /// <summary>The public key as sent in KEX_ECDH_REPLY (K_S).</summary>
    public byte[] Blob { get; }

    /// <summary>The key the flash keeps, or a new one written there on first boot.</summary>
    public static SshHostKey Load(StateStore store)
    {
        string pem = store.SshHostKeyPem(
            () =>
            {
                using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return fresh.ExportPkcs8PrivateKeyPem();
            },
            stored => TryImport(stored) is { } k && Dispose(k));
        return new SshHostKey(TryImport(pem) ?? throw new CryptographicException("the host key just made does not load"));
    }

    private static bool Dispose(ECDsa key)
    {
        key.Dispose();
        return true;
    }

    /// <summary>A P-256 private key from PEM, or null when the text is not one (a torn or foreign file).</summary>
    private static ECDsa? TryImport(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize == 256 && key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                return key;
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // not a key: a new one replaces it
        }

        key.Dispose();
        return null;
    }

    /// <summary>An uncompressed point: 0x04, X, Y.</summary>
    public static byte[] Point(ECPoint q) => [0x04, .. q.X!, .. q.Y!];

    /// <summary>The signature blob over the exchange hash: the algorithm name, then r and s as mpints (RFC 5656 §3.1.2).</summary>
    public byte[] Sign(byte[] exchangeHash)
    {
        byte[] rs = _key.SignData(exchangeHash, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        byte[] inner = new SshWriter(withType: false).MPInt(rs.AsSpan(0, 32)).MPInt(rs.AsSpan(32)).ToArray();
        return new SshWriter(withType: false).String(Algorithm).String(inner).ToArray();
    }

    public void Dispose() => _key.Dispose();
}
