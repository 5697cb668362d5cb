namespace Rig.Reports.Model;

/// <summary>The outcome of one plan.</summary>
/// <param name="Id">The plan id, e.g. "CRED-01".</param>
/// <param name="File">The plan file name.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the plan file.</param>
/// <param name="Provisions">The provisions the plan tests, e.g. "EN 303 645 5.1-1".</param>
/// <param name="Verdict">One of <see cref="Verdicts"/>.</param>
/// <param name="Reason">Why the plan reached its verdict.</param>
/// <param name="StatePath">The state names the run went through, in order.</param>
/// <param name="Inputs">Files the plan read (word lists, firmware images) with their digests.</param>
/// <param name="Evidence">What the verdict rests on.</param>
/// <param name="Diagram">The plan's state machine with the run's path, when the plan file could be read again.</param>
/// <param name="DiagramNote">Why there is no diagram, or what it leaves out.</param>
public sealed record PlanResult(
    string Id,
    string Title,
    string File,
    string Sha256,
    IReadOnlyList<string> Provisions,
    string Verdict,
    string Reason,
    IReadOnlyList<string> StatePath,
    IReadOnlyList<InputFile> Inputs,
    IReadOnlyList<Evidence> Evidence,
    Diagram? Diagram = null,
    string? DiagramNote = null);
