using System.Security.Cryptography;

namespace Rig.Reports.Attestation;

/// <summary>SHA-256 of a file, streamed so a huge console log costs no memory, as lowercase hex (what cosign and sha256sum compare).</summary>
public static class FileDigest
{
    /// <summary>The lowercase hex SHA-256 of the file at <paramref name="path"/>.</summary>
    /// <exception cref="ReportException">The file cannot be read; the message names it and the reason.</exception>
    public static string Sha256(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{path}: cannot read the file to hash it ({Reason(e)})", e);
        }
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    internal static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
