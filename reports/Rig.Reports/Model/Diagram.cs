namespace Rig.Reports.Model;

/// <summary>
/// A plan's state machine as the report draws it, with the path one run took. Neutral data: the
/// rig fills it from its plan graph, the renderer lays it out; labels may quote the device.
/// </summary>
/// <param name="Nodes">In a stable order; the first node of kind "start" is where layout begins.</param>
/// <param name="Edges">Edges whose ends name no node are ignored.</param>
public sealed record Diagram(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges);

/// <summary>A node of a <see cref="Diagram"/>.</summary>
/// <param name="Kind">One of <see cref="DiagramKinds"/>.</param>
/// <param name="Visited">The run's path went through it.</param>
/// <param name="Verdict">For verdict terminals: one of <see cref="Verdicts"/>, for its colour.</param>
public sealed record DiagramNode(string Id, string Label, string Kind, bool Visited, string? Verdict = null);

/// <summary>An edge of a <see cref="Diagram"/>; <paramref name="Taken"/> when the run's path took it.</summary>
public sealed record DiagramEdge(string From, string To, string Label, bool Taken);

/// <summary>The kinds of diagram node.</summary>
public static class DiagramKinds
{
    public const string Start = "start";
    public const string State = "state";
    public const string Verdict = "verdict";
    public const string AnyState = "any";
}
