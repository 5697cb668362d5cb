using System.Security.Cryptography;

namespace Rig.Reports.Verification;

/// <summary>report.html.sig is a valid DER ECDSA P-256 / SHA-256 signature over the exact bytes of report.html.</summary>
internal sealed class SignatureCheck : IReportCheck
{
    public const string Name = "signature";

    public IEnumerable<VerificationCheck> Run(VerificationInputs inputs) => [Check(inputs)];

    private static VerificationCheck Check(VerificationInputs inputs)
    {
        string report = Path.GetFileName(inputs.ReportPath);
        string signature = Path.GetFileName(inputs.SignaturePath);
        if (inputs.Signature is null)
        {
            return new VerificationCheck(Name, false, $"{signature} is missing");
        }

        bool valid;
        try
        {
            valid = inputs.PublicKey.VerifyData(inputs.Html, inputs.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false; // not even a well-formed signature
        }

        return valid
            ? new VerificationCheck(Name, true, $"{signature} is a valid signature over {report} by key sha256:{inputs.KeyFingerprint}")
            : new VerificationCheck(Name, false, $"{signature} does not verify over {report} with key sha256:{inputs.KeyFingerprint}: the report was changed, or signed with another key");
    }
}
