using System.Text.Json;
using Rig.Engine.Journal;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>Reads the path one plan took from a run's journal.</summary>
public static class RunPathReader
{
    /// <summary>The journal's file name in a run folder.</summary>
    public const string JournalFile = "journal.jsonl";

    /// <summary>
    /// The path <paramref name="planId"/> took in the run at <paramref name="runDirOrJournal"/> (a run
    /// folder, or its journal file). The verdict event's path is the authority; without one (the rig
    /// died mid-plan) the state events are. Throws <see cref="InvalidDataException"/> when the journal
    /// is unreadable or never ran the plan.
    /// </summary>
    public static RunPath Read(string runDirOrJournal, string planId)
    {
        string journal = Directory.Exists(runDirOrJournal) ? Path.Combine(runDirOrJournal, JournalFile) : runDirOrJournal;
        if (!File.Exists(journal))
        {
            throw new FileNotFoundException($"{journal}: no such file (a run folder holds {JournalFile})", journal);
        }

        var states = new List<string>();
        RunPath? ended = null;
        string? death = null;
        bool started = false;
        foreach (JsonElement e in JournalReader.ReadAll(journal, out _))
        {
            if (Text(e, "plan") != planId)
            {
                continue;
            }

            switch (Text(e, "ev"))
            {
                case "plan-start":
                    // A journal holds one run; if a plan ever ran twice in it, the last run counts.
                    started = true;
                    states.Clear();
                    death = null;
                    ended = null;
                    break;
                case "state" when Text(e, "state") is { } s:
                    states.Add(s);
                    break;
                case "death":
                    death = Text(e, "pattern");
                    break;
                case "verdict":
                    started = true;
                    ended = Verdict(e, states, death);
                    break;
            }
        }

        if (!started && states.Count == 0)
        {
            throw new InvalidDataException($"{journal}: plan {planId} did not run in this journal");
        }

        return ended ?? new RunPath(states);
    }

    private static RunPath Verdict(JsonElement e, List<string> states, string? death)
    {
        Verdict? verdict = Verdicts.TryParse(Text(e, "verdict") ?? string.Empty, out Verdict v) ? v : null;
        IReadOnlyList<string> path = e.TryGetProperty("path", out JsonElement p) && p.ValueKind == JsonValueKind.Array
            ? [.. p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [.. states];
        bool rigFault = e.TryGetProperty("rig_fault", out JsonElement f) && f.ValueKind == JsonValueKind.True;
        return new RunPath(path, verdict, Text(e, "reason"), death, rigFault);
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
