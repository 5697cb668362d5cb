using Rig.Engine.Journal;
using System.Text;
using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

/// <summary>Puts a network session or an attempt log into the journal ("transcript" events) and the plan's evidence.</summary>
internal static class ActionEvidence
{
    public static void Session(ActionContext context, string title, IReadOnlyList<TranscriptEntry> entries)
    {
        var lines = new List<TranscriptLine>();
        foreach (TranscriptEntry e in entries)
        {
            bool outgoing = e.Direction == TranscriptDirection.Sent;
            lines.Add(new TranscriptLine(e.MonoNs, outgoing, e.Data));
            string? dir = e.Direction == TranscriptDirection.Truncated ? null : outgoing ? TranscriptEvent.Sent : TranscriptEvent.Received;
            context.Journal.Append(new TranscriptEvent(context.PlanId, title, dir, e.Data), e.MonoNs);
        }

        context.AddEvidence(new EvidenceTranscript(title, lines));
    }

    /// <summary>A log the rig wrote itself (one line per attempt), shown as received text.</summary>
    public static void Log(ActionContext context, string title, IReadOnlyList<(long MonoNs, string Line)> log)
    {
        Session(context, title, log.Select(l => new TranscriptEntry(l.MonoNs, TranscriptDirection.Received, Encoding.UTF8.GetBytes(l.Line + "\n"))).ToList());
    }
}
