using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Rig.Formats.Firmware;

/// <summary>
/// The variants an update test submits (security catalog UPD-02/03), made from a valid image.
/// Each is what an attacker without the manufacturer's key can produce.
/// </summary>
public static class FirmwareTamper
{
    /// <summary>Names accepted by <see cref="Make"/>, in the order a plan tries them by default.</summary>
    public static readonly string[] Variants =
        ["payload-byte", "signature-byte", "truncated", "trailing-bytes", "version-field", "unsigned", "foreign-key"];

    /// <summary>Makes one variant of <paramref name="valid"/>; <paramref name="foreignKey"/> is used by foreign-key only.</summary>
    /// <exception cref="ArgumentException">An unknown variant name.</exception>
    /// <exception cref="FirmwareFormatException"><paramref name="valid"/> is not a signed, well-formed image.</exception>
    public static byte[] Make(string variant, byte[] valid, ECDsa? foreignKey = null)
    {
        FirmwareImage image = FirmwareImageReader.Read(valid);
        if (!image.IsSigned)
        {
            throw new FirmwareFormatException("tamper variants are made from a signed image");
        }

        return variant switch
        {
            "payload-byte" => FlipPayloadByte(image),
            "signature-byte" => FlipSignatureByte(valid),
            "truncated" => valid[..(FirmwareImage.HeaderLength + image.Payload.Length / 2)],
            "trailing-bytes" => [.. valid, .. "TRAILER!"u8],
            "version-field" => EditVersion(image),
            "unsigned" => FirmwareImageWriter.Seal(image.SignedBytes.Span, ReadOnlySpan<byte>.Empty),
            "foreign-key" => FirmwareImageWriter.Seal(image.SignedBytes.Span, foreignKey ?? throw new ArgumentNullException(nameof(foreignKey))),
            _ => throw new ArgumentException($"unknown tamper variant '{FirmwareText.Shown(variant)}' (known: {string.Join(", ", Variants)})", nameof(variant)),
        };
    }

    /// <summary>
    /// One payload byte flipped, the header's SHA-256 recomputed to match: only the signature can
    /// catch it, as TS 103 701 5.3-2-2 intends (a plain checksum would be fixed up by any attacker).
    /// </summary>
    private static byte[] FlipPayloadByte(FirmwareImage image)
    {
        byte[] signed = image.SignedBytes.ToArray();
        int at = FirmwareImage.HeaderLength + image.Payload.Length / 2;
        if (image.Payload.Length == 0)
        {
            throw new FirmwareFormatException("the image has no payload to tamper with");
        }

        signed[at] ^= 0x01;
        SHA256.HashData(signed.AsSpan(FirmwareImage.HeaderLength), signed.AsSpan(FirmwareImage.ShaAt, 32));
        return FirmwareImageWriter.Seal(signed, image.Signature);
    }

    /// <summary>One byte flipped in the last byte of the signature (inside s, so the DER stays well-formed).</summary>
    private static byte[] FlipSignatureByte(byte[] valid)
    {
        byte[] copy = (byte[])valid.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }

    /// <summary>The version number raised by one minor step, the text too, signature unchanged.</summary>
    private static byte[] EditVersion(FirmwareImage image)
    {
        byte[] signed = image.SignedBytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(signed.AsSpan(FirmwareImage.VersionNumberAt), image.VersionNumber + 1_000);
        return FirmwareImageWriter.Seal(signed, image.Signature);
    }
}
