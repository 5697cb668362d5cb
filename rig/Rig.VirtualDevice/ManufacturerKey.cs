using System.Security.Cryptography;

namespace Rig.VirtualDevice;

/// <summary>
/// The public key the camera trusts for updates, baked into its firmware as on a real product.
/// It belongs to the fictional manufacturer whose demo key ships with the test plans (firmware/).
/// </summary>
internal static class ManufacturerKey
{
    public const string Pem =
        """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEHfPcxaCmuWXiMLpjpZkbCKXmBuUM
        /k0VKwYK8skrvFUvQfbd6D+SXyL7AUt/jrTNKEb21Rj/uy7aQa6tYy7GdA==
        -----END PUBLIC KEY-----
        """;

    public static ECDsa Load()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(Pem);
        return key;
    }
}
