using System.Security.Cryptography;

namespace Rig.Reports.Verification;

/// <summary>
/// What the checks look at: the report's bytes, its signature (null if absent), the
/// attestation as read (null with <paramref name="AttestationProblem"/> when absent or
/// unreadable), the folder its subjects are in, and the public key.
/// </summary>
internal sealed record VerificationInputs(
    string ReportPath,
    byte[] Html,
    string SignaturePath,
    byte[]? Signature,
    string KeyPath,
    ECDsa PublicKey,
    string KeyFingerprint,
    string Directory,
    string EnvelopePath,
    AttestationContent? Attestation,
    string AttestationProblem);
