using System.Security.Cryptography;
using Rig.Engine.Config;
using Rig.Engine.Graphs;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>
/// Draws a plan for the report: loads the plan file the journal names again, and only when its
/// SHA-256 is the one the journal recorded, maps its graph and the run's path into the report's
/// neutral <see cref="Diagram"/>. Anything else gives a note, never an error: the report does not
/// depend on the drawing.
/// </summary>
internal static class PlanDiagrams
{
    /// <summary>The diagram of plan <paramref name="planId"/>, or null and a note saying why there is none.</summary>
    public static (Diagram? Diagram, string? Note) For(RunJournal journal, string planId, string file, string sha256, IReadOnlyList<string> planRoots)
    {
        string? path = Find(file, planRoots);
        if (path is null)
        {
            return (null, $"No diagram: the plan file {file} was not found where the report was rendered.");
        }

        try
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                return (null, $"No diagram: the plan file {file} found where the report was rendered is not the one that ran (its SHA-256 differs).");
            }

            Plan plan = PlanLoader.Load(path, file);
            RunPath run = RunPathReader.From(journal, planId);
            return (Map(PlanGraph.From(plan, run)), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException or ConfigException)
        {
            return (null, $"No diagram: the plan file {file} could not be read again ({e.Message.Split('\n')[0]}).");
        }
    }

    /// <summary>The plan graph in the report's words: nodes and edges with their visited and taken marks.</summary>
    internal static Diagram Map(PlanGraph graph) => new(
        graph.Nodes.Select(n => new DiagramNode(
            n.Id,
            n.Title,
            n.Kind switch
            {
                GraphNodeKind.Start => DiagramKinds.Start,
                GraphNodeKind.Verdict => DiagramKinds.Verdict,
                GraphNodeKind.AnyState => DiagramKinds.AnyState,
                _ => DiagramKinds.State,
            },
            n.Visited,
            n.Verdict?.Text())).ToList(),
        graph.Edges.Select(e => new DiagramEdge(e.From, e.To, e.Label, e.Taken)).ToList());

    // The journal names plan files the way they were given (testplans/plans/X.yaml for shipped
    // ones): try it as is, then under each root the caller knows of.
    private static string? Find(string file, IReadOnlyList<string> planRoots)
    {
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        IEnumerable<string> candidates = Path.IsPathRooted(file)
            ? [file]
            : [Path.GetFullPath(file), .. planRoots.Select(r => Path.Combine(r, file))];
        return candidates.FirstOrDefault(File.Exists);
    }
}
