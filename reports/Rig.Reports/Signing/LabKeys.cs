using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Rig.Reports.Signing;

/// <summary>
/// Creates and loads lab signing keys: ECDSA P-256, the private key as (encrypted) PKCS#8 PEM
/// readable by its owner only, the public key as SubjectPublicKeyInfo PEM. Error messages name
/// the file and the reason, never key material.
/// </summary>
public static class LabKeys
{
    private const string PrivateLabel = "PRIVATE KEY";
    private const string EncryptedLabel = "ENCRYPTED PRIVATE KEY";
    private const string PublicLabel = "PUBLIC KEY";
    private const int MaxKeyFileBytes = 64 * 1024;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    // PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC: what openssl opens; 600k rounds per OWASP.
    private static readonly PbeParameters Encryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000);

    /// <summary>
    /// Creates a new key pair. The private key file is created with mode 0600 (never widened
    /// and narrowed later) and encrypted when <paramref name="passphrase"/> is given. Refuses to
    /// overwrite either file.
    /// </summary>
    public static LabKey New(string privatePath, string publicPath, string? passphrase = null)
    {
        if (passphrase is { Length: 0 })
        {
            throw new LabKeyException($"{privatePath}: an empty passphrase is no protection; give a real one or none");
        }

        foreach (string path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new LabKeyException($"{path} already exists; refusing to overwrite a key");
            }
        }

        ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            byte[] der = passphrase is null ? key.ExportPkcs8PrivateKey() : key.ExportEncryptedPkcs8PrivateKey(passphrase, Encryption);
            char[] pem = PemEncoding.Write(passphrase is null ? PrivateLabel : EncryptedLabel, der);
            byte[] bytes = new byte[pem.Length + 1];
            Encoding.ASCII.GetBytes(pem, 0, pem.Length, bytes, 0);
            bytes[^1] = (byte)'\n';
            try
            {
                WriteNew(privatePath, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
                CryptographicOperations.ZeroMemory(bytes);
                Array.Clear(pem);
            }

            try
            {
                WriteNew(publicPath, Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem() + "\n"),
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            catch
            {
                File.Delete(privatePath); // no private key without its public half
                throw;
            }

            return new LabKey(key, privatePath);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads a private key. Refuses a file readable or writable by group or others, an encrypted
    /// key without its passphrase or with a wrong one, and any key that is not ECDSA P-256.
    /// </summary>
    public static LabKey LoadPrivate(string path, string? passphrase = null)
    {
        byte[] bytes = ReadKeyFile(path, requireOwnerOnly: true);
        char[] text = Encoding.ASCII.GetChars(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        var key = ECDsa.Create();
        try
        {
            string label = Label(text, path);
            switch (label)
            {
                case EncryptedLabel when passphrase is null:
                    throw new LabKeyException($"{path} is encrypted; its passphrase is needed");
                case EncryptedLabel:
                    Import(path, () => key.ImportFromEncryptedPem(text, passphrase), "wrong passphrase, or the key file is damaged");
                    break;
                case PrivateLabel or "EC PRIVATE KEY":
                    Import(path, () => key.ImportFromPem(text), "not a readable EC private key");
                    break;
                default:
                    throw new LabKeyException($"{path}: expected a \"{PrivateLabel}\" or \"{EncryptedLabel}\" PEM block, found \"{label}\"");
            }

            RequireP256(key, path);
            return new LabKey(key, path);
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            Array.Clear(text);
        }
    }

    /// <summary>Loads a public key (PEM SubjectPublicKeyInfo); the caller disposes it.</summary>
    public static ECDsa LoadPublic(string path)
    {
        char[] text = Encoding.ASCII.GetChars(ReadKeyFile(path, requireOwnerOnly: false));
        string label = Label(text, path);
        if (label != PublicLabel)
        {
            throw new LabKeyException($"{path}: expected a \"{PublicLabel}\" PEM block, found \"{label}\"");
        }

        var key = ECDsa.Create();
        try
        {
            Import(path, () => key.ImportFromPem(text), "not a readable EC public key");
            RequireP256(key, path);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lowercase hex SHA-256 of the SubjectPublicKeyInfo DER: the same as
    /// <c>openssl pkey -pubin -in pub.pem -outform DER | sha256sum</c>.
    /// </summary>
    public static string Fingerprint(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static void WriteNew(string path, byte[] bytes, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("lab keys need Unix file modes");
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, // O_EXCL: never follows or replaces an existing file
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = mode,
        };
        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new LabKeyException($"{path} already exists; refusing to overwrite a key", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LabKeyException($"{path}: cannot create the key file ({Reason(e)})", e);
        }

        try
        {
            using (stream)
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException e)
        {
            File.Delete(path); // a half-written key is worse than none
            throw new LabKeyException($"{path}: cannot write the key file ({e.Message})", e);
        }
    }

    private static byte[] ReadKeyFile(string path, bool requireOwnerOnly)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            if (requireOwnerOnly)
            {
                KeyFileMode.RequireOwnerOnly(handle, path);
            }

            long length = RandomAccess.GetLength(handle);
            if (length > MaxKeyFileBytes)
            {
                throw new LabKeyException($"{path}: {length} bytes is too large for a key file");
            }

            byte[] bytes = new byte[length];
            int read = RandomAccess.Read(handle, bytes, 0);
            return read == bytes.Length ? bytes : bytes[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LabKeyException($"{path}: cannot read the key file ({Reason(e)})", e);
        }
    }

    private static string Label(char[] text, string path)
    {
        if (!PemEncoding.TryFind(text, out PemFields fields))
        {
            throw new LabKeyException($"{path}: no PEM block found");
        }

        return new string(text.AsSpan()[fields.Label]);
    }

    // The crypto library's messages are generic; keep only ours, which name the file.
    private static void Import(string path, Action import, string failure)
    {
        try
        {
            import();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new LabKeyException($"{path}: {failure}", e);
        }
    }

    private static void RequireP256(ECDsa key, string path)
    {
        ECCurve curve = key.ExportParameters(includePrivateParameters: false).Curve;
        bool p256 = key.KeySize == 256 &&
                    (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1");
        if (!p256)
        {
            throw new LabKeyException($"{path}: the lab key must be ECDSA P-256 (this one is {curve.Oid.FriendlyName ?? curve.Oid.Value ?? "an unnamed curve"})");
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
