using Rig.Reports.Attestation;

namespace Rig.Reports.Verification;

/// <summary>The attestation's DSSE signature verifies with the key over the pre-authentication encoding of its payload type and payload.</summary>
internal sealed class EnvelopeSignatureCheck : IReportCheck
{
    public const string Name = "envelope signature";

    public IEnumerable<VerificationCheck> Run(VerificationInputs inputs) => [Check(inputs)];

    private static VerificationCheck Check(VerificationInputs inputs)
    {
        string file = Path.GetFileName(inputs.EnvelopePath);
        if (inputs.Attestation is not { } a)
        {
            return new VerificationCheck(Name, false, $"{file}: {inputs.AttestationProblem}");
        }

        if (a.Signatures.Count == 0)
        {
            return new VerificationCheck(Name, false, $"{file} holds no signature");
        }

        return a.Signatures.Any(s => Dsse.Verify(a.PayloadType, a.Payload, s, inputs.PublicKey))
            ? new VerificationCheck(Name, true, $"{file} is validly signed over its DSSE pre-authentication encoding by key sha256:{inputs.KeyFingerprint}")
            : new VerificationCheck(Name, false, $"{file} does not verify with key sha256:{inputs.KeyFingerprint}: the statement was changed, or signed with another key");
    }
}
