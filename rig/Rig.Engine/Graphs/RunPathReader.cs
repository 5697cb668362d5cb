using Rig.Engine.Journal;
using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>Reads the path one plan took from a run's journal.</summary>
public static class RunPathReader
{
    /// <summary>
    /// The path <paramref name="planId"/> took in the run at <paramref name="runDirOrJournal"/> (a run
    /// folder, or its journal file). Throws <see cref="InvalidDataException"/> when the journal
    /// is unreadable or never ran the plan.
    /// </summary>
    public static RunPath Read(string runDirOrJournal, string planId)
    {
        string journal = Directory.Exists(runDirOrJournal) ? Path.Combine(runDirOrJournal, RunJournal.FileName) : runDirOrJournal;
        if (!File.Exists(journal))
        {
            throw new FileNotFoundException($"{journal}: no such file (a run folder holds {RunJournal.FileName})", journal);
        }

        return From(JournalReader.Read(journal), planId);
    }

    /// <summary>
    /// The path <paramref name="planId"/> took in <paramref name="journal"/>. The verdict event's path
    /// is the authority; without one (the rig died mid-plan) the state events are.
    /// </summary>
    public static RunPath From(RunJournal journal, string planId)
    {
        var states = new List<string>();
        RunPath? ended = null;
        string? death = null;
        bool started = false;
        foreach (IPlanEvent e in journal.Events.OfType<IPlanEvent>().Where(e => e.Plan == planId))
        {
            switch (e)
            {
                case PlanStartEvent:
                    // A journal holds one run; if a plan ever ran twice in it, the last run counts.
                    started = true;
                    states.Clear();
                    death = null;
                    ended = null;
                    break;
                case StateEvent s:
                    states.Add(s.State);
                    break;
                case DeathEvent d:
                    death = d.Pattern;
                    break;
                case VerdictEvent v:
                    started = true;
                    ended = new RunPath(
                        v.Path ?? [.. states],
                        Verdicts.TryParse(v.Verdict, out Verdict verdict) ? verdict : null,
                        v.Reason,
                        death,
                        v.RigFault);
                    break;
            }
        }

        if (!started && states.Count == 0)
        {
            throw new InvalidDataException($"{journal.File}: plan {planId} did not run in this journal");
        }

        return ended ?? new RunPath(states);
    }
}
