using System.Security.Cryptography;
using Rig.Reports.Verification;

namespace Rig.Reports.Signing;

/// <summary>
/// Signs reports: ECDSA P-256 over SHA-256 of the exact report bytes, DER-encoded
/// (RFC 3279 Ecdsa-Sig-Value), so that
/// <c>openssl dgst -sha256 -verify lab.pub.pem -signature report.html.sig report.html</c> checks it.
/// </summary>
public static class ReportSigner
{
    /// <summary>The report's file name in a report folder.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>What the signature file's name adds to the signed file's name.</summary>
    public const string SignatureSuffix = ".sig";

    /// <summary>The DER signature over <paramref name="content"/>.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> content, LabKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Without the format argument .NET writes IEEE P1363 r||s, which openssl and cosign reject.
        return key.Key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>
    /// Writes report.html and report.html.sig into <paramref name="directory"/> from the same
    /// buffer, so the signed bytes are the written bytes. Refuses a report that shows another
    /// key's fingerprint than <paramref name="key"/>'s.
    /// </summary>
    /// <returns>The path of report.html.</returns>
    public static string WriteSigned(string directory, byte[] reportHtml, LabKey key)
    {
        ArgumentNullException.ThrowIfNull(reportHtml);
        ArgumentNullException.ThrowIfNull(key);
        IReadOnlyList<string> shown = PrintedFingerprint.Find(reportHtml);
        if (shown.Count != 1 || shown[0] != key.Fingerprint)
        {
            throw new ReportException(
                $"{Path.Combine(directory, ReportFileName)}: refusing to sign: the report must show the signing key's fingerprint " +
                $"{key.Fingerprint} once, and shows {(shown.Count == 0 ? "none" : string.Join(", ", shown))}");
        }

        string report = Path.Combine(directory, ReportFileName);
        byte[] signature = Sign(reportHtml, key);
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(report, reportHtml);
            File.WriteAllBytes(report + SignatureSuffix, signature);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{report}: cannot write the signed report ({e.Message})", e);
        }

        return report;
    }
}
