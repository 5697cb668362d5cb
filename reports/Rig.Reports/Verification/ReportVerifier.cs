using System.Security.Cryptography;
using Rig.Reports.Signing;

namespace Rig.Reports.Verification;

/// <summary>
/// Checks a signed report against a lab public key obtained out of band. A bad report gives
/// failed checks; only unreadable inputs throw.
/// </summary>
public static class ReportVerifier
{
    private const int MaxSignatureBytes = 4096;

    // Run in order; later issues add the DSSE envelope and subject digests here.
    private static readonly IReportCheck[] Checks = [new SignatureCheck(), new FingerprintCheck()];

    /// <summary>
    /// Verifies report.html (<paramref name="reportPath"/> is the file or its folder) and
    /// report.html.sig beside it with the public key in <paramref name="publicKeyPath"/>.
    /// </summary>
    /// <exception cref="ReportException">The report or the key cannot be read, or the key is not a P-256 public key.</exception>
    public static IReadOnlyList<VerificationCheck> Verify(string reportPath, string publicKeyPath)
    {
        string report = Directory.Exists(reportPath) ? Path.Combine(reportPath, ReportSigner.ReportFileName) : reportPath;
        string signaturePath = report + ReportSigner.SignatureSuffix;
        byte[] html = Read(report, "report");
        byte[]? signature = File.Exists(signaturePath) ? ReadSignature(signaturePath) : null;
        using ECDsa key = LabKeys.LoadPublic(publicKeyPath);
        var inputs = new VerificationInputs(report, html, signaturePath, signature, publicKeyPath, key, LabKeys.Fingerprint(key));
        return Checks.Select(c => c.Run(inputs)).ToArray();
    }

    // A signature file larger than any DER P-256 signature is a bad report, not an unreadable one.
    private static byte[] ReadSignature(string path)
    {
        var info = new FileInfo(path);
        return info.Length > MaxSignatureBytes ? [] : Read(path, "signature");
    }

    private static byte[] Read(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e switch
            {
                FileNotFoundException => "no such file",
                DirectoryNotFoundException => "no such directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new ReportException($"{path}: cannot read the {what} ({reason})", e);
        }
    }
}
