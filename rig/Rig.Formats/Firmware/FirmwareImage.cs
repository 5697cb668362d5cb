using System.Globalization;

namespace Rig.Formats.Firmware;

/// <summary>
/// A firmware image as the rig and the virtual camera know it: a 128-byte header (magic, model,
/// version number and text, payload length, SHA-256 of the payload), the payload, then a 2-byte
/// signature length and an ECDSA P-256 signature (DER) over header and payload. Big-endian.
/// </summary>
/// <param name="SignedBytes">Header and payload exactly as read: what the signature covers.</param>
/// <param name="Signature">DER signature; empty for an unsigned image.</param>
public sealed record FirmwareImage(
    string Model,
    string Version,
    uint VersionNumber,
    byte[] PayloadSha256,
    ReadOnlyMemory<byte> Payload,
    ReadOnlyMemory<byte> SignedBytes,
    byte[] Signature)
{
    public static ReadOnlySpan<byte> Magic => "RGFW"u8;

    public const ushort FormatVersion = 1;
    public const int HeaderLength = 128;
    public const int MaxSignatureLength = 80; // a P-256 DER signature is at most 72 bytes
    public const int MaxTextLength = 32;

    // Header layout: offsets of each field.
    internal const int FormatAt = 4;
    internal const int VersionNumberAt = 8;
    internal const int PayloadLengthAt = 12;
    internal const int ShaAt = 16;
    internal const int ModelAt = 48;
    internal const int VersionAt = 80;

    /// <summary>Offset of the version number field, for tools that edit it (tamper variants).</summary>
    public static int VersionNumberOffset => VersionNumberAt;

    public bool IsSigned => Signature.Length > 0;

    /// <summary>"1.2.3" as 1002003 (major×10⁶ + minor×10³ + patch): what rollback counters compare.</summary>
    /// <exception cref="FormatException">Not three numbers below 1000 (the major below 4000).</exception>
    public static uint NumberOf(string version)
    {
        string[] parts = version.Split('.');
        if (parts.Length != 3
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint major) || major >= 4000
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint minor) || minor >= 1000
            || !uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint patch) || patch >= 1000)
        {
            throw new FormatException($"version '{FirmwareText.Shown(version)}' is not MAJOR.MINOR.PATCH (each below 1000)");
        }

        return major * 1_000_000 + minor * 1_000 + patch;
    }
}
