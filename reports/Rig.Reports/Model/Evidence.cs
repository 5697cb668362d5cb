namespace Rig.Reports.Model;

/// <summary>One evidence block: a console excerpt or an attack transcript.</summary>
/// <param name="Kind">"console" or "transcript" (see <see cref="EvidenceKinds"/>).</param>
public sealed record Evidence(string Title, string Kind, IReadOnlyList<EvidenceLine> Lines);

/// <summary>The kinds of evidence block.</summary>
public static class EvidenceKinds
{
    public const string Console = "console";
    public const string Transcript = "transcript";
}
