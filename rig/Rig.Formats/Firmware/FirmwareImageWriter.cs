using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Rig.Formats.Firmware;

/// <summary>Builds images: the header from the fields, then the signature by the manufacturer's key.</summary>
public static class FirmwareImageWriter
{
    /// <summary>Header and payload, unsigned: what a signature covers.</summary>
    /// <exception cref="ArgumentException">A model or version that is not short printable ASCII.</exception>
    public static byte[] SignedPart(string model, string version, uint versionNumber, ReadOnlySpan<byte> payload)
    {
        if (!FirmwareText.IsValid(model))
        {
            throw new ArgumentException($"model '{FirmwareText.Shown(model)}' must be 1-{FirmwareImage.MaxTextLength} printable ASCII characters", nameof(model));
        }

        if (!FirmwareText.IsValid(version))
        {
            throw new ArgumentException($"version '{FirmwareText.Shown(version)}' must be 1-{FirmwareImage.MaxTextLength} printable ASCII characters", nameof(version));
        }

        byte[] bytes = new byte[FirmwareImage.HeaderLength + payload.Length];
        Span<byte> h = bytes.AsSpan(0, FirmwareImage.HeaderLength);
        FirmwareImage.Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt16BigEndian(h[FirmwareImage.FormatAt..], FirmwareImage.FormatVersion);
        BinaryPrimitives.WriteUInt32BigEndian(h[FirmwareImage.VersionNumberAt..], versionNumber);
        BinaryPrimitives.WriteUInt32BigEndian(h[FirmwareImage.PayloadLengthAt..], (uint)payload.Length);
        SHA256.HashData(payload, h.Slice(FirmwareImage.ShaAt, 32));
        FirmwareText.Write(h.Slice(FirmwareImage.ModelAt, FirmwareImage.MaxTextLength), model);
        FirmwareText.Write(h.Slice(FirmwareImage.VersionAt, FirmwareImage.MaxTextLength), version);
        payload.CopyTo(bytes.AsSpan(FirmwareImage.HeaderLength));
        return bytes;
    }

    /// <summary>A whole image; <paramref name="key"/> null makes an unsigned one.</summary>
    public static byte[] Build(string model, string version, uint versionNumber, ReadOnlySpan<byte> payload, ECDsa? key) =>
        Seal(SignedPart(model, version, versionNumber, payload), key);

    /// <summary>Appends the signature block to header and payload (empty when <paramref name="key"/> is null).</summary>
    public static byte[] Seal(ReadOnlySpan<byte> signedPart, ECDsa? key)
    {
        byte[] signature = key is null ? [] : Sign(signedPart, key);
        return Seal(signedPart, signature);
    }

    /// <summary>Appends a given signature (any bytes: tamper variants use this) and its length.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> signedPart, ReadOnlySpan<byte> signature)
    {
        byte[] image = new byte[signedPart.Length + 2 + signature.Length];
        signedPart.CopyTo(image);
        BinaryPrimitives.WriteUInt16BigEndian(image.AsSpan(signedPart.Length), (ushort)signature.Length);
        signature.CopyTo(image.AsSpan(signedPart.Length + 2));
        return image;
    }

    /// <summary>ECDSA over SHA-256, DER-encoded (what openssl dgst -sha256 -sign writes).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> data, ECDsa key)
    {
        if (key.KeySize != 256)
        {
            throw new ArgumentException($"the signing key is a {key.KeySize}-bit curve; images use P-256", nameof(key));
        }

        return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
