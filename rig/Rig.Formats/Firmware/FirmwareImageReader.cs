using System.Buffers.Binary;
using System.Security.Cryptography;
using Rig.Formats.Files;

namespace Rig.Formats.Firmware;

/// <summary>
/// Parses an image defensively: every length is checked against the bytes actually there and
/// against a cap before anything is allocated, so a hostile image cannot make the reader grow.
/// </summary>
public static class FirmwareImageReader
{
    /// <summary>Largest payload accepted unless the caller says otherwise.</summary>
    public const int DefaultMaxPayload = 16 * 1024 * 1024;

    /// <summary>Reads a file, refusing one larger than an image with <paramref name="maxPayload"/> could be.</summary>
    /// <exception cref="FirmwareFormatException">Not a well-formed image; the message names the file.</exception>
    public static FirmwareImage ReadFile(string path, int maxPayload = DefaultMaxPayload)
    {
        byte[] bytes;
        try
        {
            bytes = GuardedFile.ReadAll(path, MaxImageLength(maxPayload));
        }
        catch (RefusedFileException e)
        {
            throw new FirmwareFormatException(e.Message);
        }

        try
        {
            return Read(bytes, maxPayload);
        }
        catch (FirmwareFormatException e)
        {
            throw new FirmwareFormatException($"{path}: {e.Message}");
        }
    }

    /// <summary>The largest whole image with a payload of at most <paramref name="maxPayload"/> bytes.</summary>
    public static long MaxImageLength(int maxPayload) => FirmwareImage.HeaderLength + (long)maxPayload + 2 + FirmwareImage.MaxSignatureLength;

    /// <summary>Parses an image held in memory; the result shares <paramref name="bytes"/>.</summary>
    /// <exception cref="FirmwareFormatException">Not a well-formed image.</exception>
    public static FirmwareImage Read(byte[] bytes, int maxPayload = DefaultMaxPayload)
    {
        ReadOnlySpan<byte> all = bytes;
        if (all.Length < FirmwareImage.HeaderLength)
        {
            throw new FirmwareFormatException($"truncated: {all.Length} bytes is shorter than the {FirmwareImage.HeaderLength}-byte header");
        }

        ReadOnlySpan<byte> header = all[..FirmwareImage.HeaderLength];
        if (!header[..4].SequenceEqual(FirmwareImage.Magic))
        {
            throw new FirmwareFormatException("not a firmware image (bad magic)");
        }

        ushort format = BinaryPrimitives.ReadUInt16BigEndian(header[FirmwareImage.FormatAt..]);
        if (format != FirmwareImage.FormatVersion)
        {
            throw new FirmwareFormatException($"unknown image format {format}");
        }

        uint versionNumber = BinaryPrimitives.ReadUInt32BigEndian(header[FirmwareImage.VersionNumberAt..]);
        uint payloadLength = BinaryPrimitives.ReadUInt32BigEndian(header[FirmwareImage.PayloadLengthAt..]);
        string model = FirmwareText.Read(header.Slice(FirmwareImage.ModelAt, FirmwareImage.MaxTextLength))
            ?? throw new FirmwareFormatException("the model field is not printable text");
        string version = FirmwareText.Read(header.Slice(FirmwareImage.VersionAt, FirmwareImage.MaxTextLength))
            ?? throw new FirmwareFormatException("the version field is not printable text");
        if (header[(FirmwareImage.VersionAt + FirmwareImage.MaxTextLength)..].ContainsAnyExcept((byte)0) || header[6] != 0 || header[7] != 0)
        {
            throw new FirmwareFormatException("reserved header bytes are not zero");
        }

        if (payloadLength > (uint)maxPayload)
        {
            throw new FirmwareFormatException($"payload length {payloadLength} exceeds the limit of {maxPayload} bytes");
        }

        long signedEnd = FirmwareImage.HeaderLength + (long)payloadLength;
        if (all.Length < signedEnd + 2)
        {
            throw new FirmwareFormatException($"truncated: {all.Length} bytes, the header announces {signedEnd + 2} or more");
        }

        int sigLength = BinaryPrimitives.ReadUInt16BigEndian(all[(int)signedEnd..]);
        if (sigLength > FirmwareImage.MaxSignatureLength)
        {
            throw new FirmwareFormatException($"signature length {sigLength} exceeds {FirmwareImage.MaxSignatureLength} bytes");
        }

        long end = signedEnd + 2 + sigLength;
        if (all.Length < end)
        {
            throw new FirmwareFormatException($"truncated: {all.Length} bytes, the image announces {end}");
        }

        if (all.Length > end)
        {
            throw new FirmwareFormatException($"{all.Length - end} trailing bytes after the signature");
        }

        var payload = new ReadOnlyMemory<byte>(bytes, FirmwareImage.HeaderLength, (int)payloadLength);
        byte[] sha = header.Slice(FirmwareImage.ShaAt, 32).ToArray();
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(payload.Span), sha))
        {
            throw new FirmwareFormatException("the payload does not match the SHA-256 in the header");
        }

        return new FirmwareImage(
            model,
            version,
            versionNumber,
            sha,
            payload,
            new ReadOnlyMemory<byte>(bytes, 0, (int)signedEnd),
            all.Slice((int)signedEnd + 2, sigLength).ToArray());
    }
}
