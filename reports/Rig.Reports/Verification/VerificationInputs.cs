using System.Security.Cryptography;

namespace Rig.Reports.Verification;

/// <summary>What the checks look at: the report's bytes, its signature (null if absent) and the public key.</summary>
internal sealed record VerificationInputs(
    string ReportPath,
    byte[] Html,
    string SignaturePath,
    byte[]? Signature,
    string KeyPath,
    ECDsa PublicKey,
    string KeyFingerprint);
