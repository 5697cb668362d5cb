using Rig.Reports.Signing;

namespace Rig.Reports.Verification;

/// <summary>The fingerprint the report prints for its signer is the fingerprint of the key given to the verifier.</summary>
internal sealed class FingerprintCheck : IReportCheck
{
    public const string Name = "key fingerprint";

    public IEnumerable<VerificationCheck> Run(VerificationInputs inputs) => [Check(inputs)];

    private static VerificationCheck Check(VerificationInputs inputs)
    {
        string key = Path.GetFileName(inputs.KeyPath);
        IReadOnlyList<string> shown = PrintedFingerprint.Find(inputs.Html);
        return shown.Count switch
        {
            0 => new VerificationCheck(Name, false, $"the report shows no signer key fingerprint; {key} is sha256:{inputs.KeyFingerprint}"),
            > 1 => new VerificationCheck(Name, false, $"the report shows {shown.Count} signer key fingerprints ({string.Join(", ", shown)}); expected one"),
            _ when shown[0] == inputs.KeyFingerprint =>
                new VerificationCheck(Name, true, $"the report shows sha256:{shown[0]}, the fingerprint of {key}"),
            _ => new VerificationCheck(Name, false, $"the report shows sha256:{shown[0]} but {key} is sha256:{inputs.KeyFingerprint}"),
        };
    }
}
