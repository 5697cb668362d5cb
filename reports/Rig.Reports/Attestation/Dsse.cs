using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rig.Reports.Signing;

namespace Rig.Reports.Attestation;

/// <summary>
/// DSSE v1 (Dead Simple Signing Envelope): the signature covers the pre-authentication encoding
/// (PAE) of the payload type and the payload bytes, never the payload alone, so a verifier needs
/// no JSON canonicalisation.
/// </summary>
public static class Dsse
{
    /// <summary>The payload type of an in-toto statement; cosign and sigstore-go accept no other spelling.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>"DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in ASCII decimal bytes.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        byte[] type = Encoding.UTF8.GetBytes(payloadType);
        // The type goes in as its UTF-8 bytes; only the lengths and separators are ASCII.
        byte[] head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        byte[] tail = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var pae = new byte[head.Length + type.Length + tail.Length + payload.Length];
        head.CopyTo(pae, 0);
        type.CopyTo(pae, head.Length);
        tail.CopyTo(pae, head.Length + type.Length);
        payload.CopyTo(pae.AsSpan(head.Length + type.Length + tail.Length));
        return pae;
    }

    /// <summary>
    /// The envelope for <paramref name="payload"/> as one line of compact JSON ending in "\n":
    /// standard padded base64, one DER ECDSA signature over the PAE, keyid "" (present but empty,
    /// which every verifier we know accepts; the key's fingerprint is in the signed predicate).
    /// </summary>
    public static byte[] Envelope(string payloadType, byte[] payload, LabKey key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature = ReportSigner.Sign(Pae(payloadType, payload), key);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("payload", Convert.ToBase64String(payload));
            json.WriteString("payloadType", payloadType);
            json.WriteStartArray("signatures");
            json.WriteStartObject();
            json.WriteString("keyid", "");
            json.WriteString("sig", Convert.ToBase64String(signature));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Verifies a DER ECDSA P-256 / SHA-256 signature over the PAE.</summary>
    public static bool Verify(string payloadType, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            return key.VerifyData(Pae(payloadType, payload), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // not even a well-formed signature
        }
    }
}
