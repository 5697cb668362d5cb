using Rig.Reports.Attestation;
using Rig.Reports.Signing;
using Rig.Reports.Text;

namespace Rig.Reports.Verification;

/// <summary>
/// The attestation is what rig writes: payload type application/vnd.in-toto+json, an in-toto
/// Statement v1 with the certification predicate, report.html among its subjects, each subject
/// with a lowercase hex sha256, and the predicate names the verifying key.
/// </summary>
internal sealed class StatementCheck : IReportCheck
{
    public const string Name = "statement";

    public IEnumerable<VerificationCheck> Run(VerificationInputs inputs) => [Check(inputs)];

    private static VerificationCheck Check(VerificationInputs inputs)
    {
        string file = Path.GetFileName(inputs.EnvelopePath);
        if (inputs.Attestation is not { } a)
        {
            return new VerificationCheck(Name, false, $"no statement to check: {file}: {inputs.AttestationProblem}");
        }

        if (a.Statement is not { } s)
        {
            return new VerificationCheck(Name, false, $"{file}: {a.StatementProblem}");
        }

        var problems = new List<string>();
        if (a.PayloadType != Dsse.InTotoPayloadType)
        {
            problems.Add($"payloadType is \"{Show(a.PayloadType)}\", not \"{Dsse.InTotoPayloadType}\"");
        }

        if (s.Type != CertificationStatement.StatementType)
        {
            problems.Add($"_type is \"{Show(s.Type)}\", not \"{CertificationStatement.StatementType}\"");
        }

        if (s.PredicateType != CertificationStatement.PredicateType)
        {
            problems.Add($"predicateType is \"{Show(s.PredicateType)}\", not \"{CertificationStatement.PredicateType}\"");
        }

        IReadOnlyList<StatementSubject> subjects = s.Subjects ?? [];
        if (s.Subjects is null)
        {
            problems.Add("it has no subject list");
        }
        else if (!subjects.Any(x => x.Name == ReportSigner.ReportFileName))
        {
            problems.Add($"{ReportSigner.ReportFileName} is not among its subjects");
        }

        if (subjects.Count > 1024)
        {
            problems.Add("more than 1024 subjects");
        }

        int malformed = subjects.Count(x => !SubjectDigestCheck.IsDigest(x.Sha256));
        if (malformed > 0)
        {
            problems.Add($"{malformed} subject(s) without a lowercase hex sha256");
        }

        if (s.SigningKeyFingerprint != inputs.KeyFingerprint)
        {
            problems.Add($"its predicate names signing key sha256:{Show(s.SigningKeyFingerprint)}, not sha256:{inputs.KeyFingerprint}");
        }

        return problems.Count == 0
            ? new VerificationCheck(Name, true,
                $"an in-toto Statement v1 ({Dsse.InTotoPayloadType}) of {CertificationStatement.PredicateType} with {subjects.Count} subjects, naming key sha256:{inputs.KeyFingerprint}")
            : new VerificationCheck(Name, false, $"{file}: " + string.Join("; ", problems));
    }

    private static string Show(string? text) => DeviceText.Show(text ?? "(none)", 200) ?? "";
}
