using Rig.Reports.Attestation;
using Rig.Reports.Text;

namespace Rig.Reports.Verification;

/// <summary>One check per subject of the statement: the file of that name in the report folder has the sha256 the statement gives.</summary>
internal sealed class SubjectDigestCheck : IReportCheck
{
    public const string Prefix = "subject ";

    public IEnumerable<VerificationCheck> Run(VerificationInputs inputs)
    {
        IReadOnlyList<StatementSubject> subjects = inputs.Attestation?.Statement?.Subjects ?? [];
        foreach (StatementSubject subject in subjects)
        {
            yield return Check(inputs.Directory, subject);
        }
    }

    /// <summary>64 lowercase hex digits, as cosign compares them.</summary>
    internal static bool IsDigest(string? hex) =>
        hex is { Length: 64 } && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static VerificationCheck Check(string directory, StatementSubject subject)
    {
        string name = DeviceText.Show(subject.Name, 200) ?? "";
        string check = Prefix + name;
        string? path = SubjectPath.Resolve(directory, subject.Name, out string problem);
        if (path is null)
        {
            return new VerificationCheck(check, false, $"\"{name}\" is refused: {problem}");
        }

        if (!IsDigest(subject.Sha256))
        {
            return new VerificationCheck(check, false, $"the statement gives {name} no lowercase hex sha256");
        }

        if (!File.Exists(path))
        {
            return new VerificationCheck(check, false, $"{name} is missing from {directory}");
        }

        string actual;
        try
        {
            actual = FileDigest.Sha256(path);
        }
        catch (ReportException e)
        {
            return new VerificationCheck(check, false, e.Message);
        }

        return actual == subject.Sha256
            ? new VerificationCheck(check, true, $"{name} has sha256 {actual}, as the statement says")
            : new VerificationCheck(check, false, $"{name} has sha256 {actual}, the statement says {subject.Sha256}: the file was changed");
    }
}
