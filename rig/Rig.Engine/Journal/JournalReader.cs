using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>Reads a journal back. A last line cut by a crash mid-write is reported, not fatal.</summary>
public static class JournalReader
{
    private static readonly Dictionary<string, Func<JsonElement, JournalEvent>> Kinds = new(StringComparer.Ordinal)
    {
        [K.Journal.Value] = JournalOpenedEvent.Read,
        [K.RunStart.Value] = RunStartEvent.Read,
        [K.RunEnd.Value] = RunEndEvent.Read,
        [K.SchemeResult.Value] = SchemeResultEvent.Read,
        [LadderResultEvent.Kind.Value] = LadderResultEvent.Read,
        [K.SafeState.Value] = SafeStateEvent.Read,
        [K.SafeStateFailed.Value] = SafeStateFailedEvent.Read,
        [K.Warning.Value] = WarningEvent.Read,
        [K.PlanStart.Value] = PlanStartEvent.Read,
        [K.PlanAborted.Value] = PlanAbortedEvent.Read,
        [K.State.Value] = StateEvent.Read,
        [K.Match.Value] = MatchEvent.Read,
        [K.Death.Value] = DeathEvent.Read,
        [K.Action.Value] = ActionEvent.Read,
        [K.ActionResult.Value] = ActionResultEvent.Read,
        [K.Verdict.Value] = VerdictEvent.Read,
        [K.Power.Value] = PowerEvent.Read,
        [K.Console.Value] = ConsoleChunkEvent.Read,
        [K.ConsoleStatus.Value] = ConsoleStatusEvent.Read,
        [K.PowerSample.Value] = PowerSampleEvent.Read,
        [K.Send.Value] = SendEvent.Read,
        [K.Transcript.Value] = TranscriptEvent.Read,
        [K.Interrupt.Value] = InterruptEvent.Read,
        [K.PowerCut.Value] = PowerCutEvent.Read,
        [K.Net.Value] = NetEvent.Read,
        [K.Scan.Value] = ScanEvent.Read,
        [K.Secrets.Value] = SecretsEvent.Read,
        [K.Inventory.Value] = InventoryEvent.Read,
        [K.Update.Value] = UpdateEvent.Read,
        [K.Unobserved.Value] = UnobservedEvent.Read,
        [K.SupervisorSafeState.Value] = SupervisorSafeStateEvent.Read,
        [K.SupervisorSafeStateFailed.Value] = SupervisorSafeStateEvent.Read,
    };

    /// <summary>
    /// The journal at <paramref name="path"/> (a journal file, or a run folder holding one), parsed once
    /// into typed events. Throws <see cref="InvalidDataException"/> with one line naming file:line for a
    /// line that is not JSON (other than a cut last line) and for a journal of a newer format.
    /// </summary>
    public static RunJournal Read(string path)
    {
        string file = Directory.Exists(path) ? System.IO.Path.Combine(path, RunJournal.FileName) : path;
        var events = new List<JournalEvent>();
        (bool truncated, string opening) = EachLine(file, (line, number) =>
        {
            JournalEvent e = Typed(line);
            if (e is JournalOpenedEvent { Version: > JournalWriter.FormatVersion } opened)
            {
                throw new InvalidDataException(
                    $"{file}:{number}: journal format version {opened.Version}; this rig reads versions up to {JournalWriter.FormatVersion} (a newer rig wrote it)");
            }

            events.Add(e);
        });
        return new RunJournal(file, events, truncated, opening);
    }

    /// <summary>Every complete line as raw JSON, in order, for tools and tests that look at the bytes on disk.</summary>
    public static List<JsonElement> ReadAll(string path, out bool truncatedTail)
    {
        var events = new List<JsonElement>();
        truncatedTail = EachLine(path, (line, _) => events.Add(line.Clone())).Truncated;
        return events;
    }

    /// <summary>
    /// One line of a journal that is still being written, as its typed event; null for a line that is
    /// not a journal line (a follower hands on whatever the file holds).
    /// </summary>
    public static JournalEvent? Line(string line)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? Typed(doc.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses each line once; returns whether the last was cut, and the first two lines' text (the run's identity).</summary>
    private static (bool Truncated, string Opening) EachLine(string file, Action<JsonElement, int> each)
    {
        string[] lines = File.ReadAllLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(lines[i]);
                each(doc.RootElement, i + 1);
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                return (true, Opening(lines));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file}:{i + 1}: not a journal line: {e.Message}");
            }
        }

        return (false, Opening(lines));
    }

    private static string Opening(string[] lines) => string.Join('\n', lines.Take(2));

    private static JournalEvent Typed(JsonElement line)
    {
        string ev = line.Str(F.Ev) ?? throw new JsonException($"the line has no {F.Ev} name");
        JournalEvent e = Kinds.TryGetValue(ev, out Func<JsonElement, JournalEvent>? read) ? read(line) : new UnknownEvent(ev);
        e.Seq = line.Long(F.Seq);
        e.MonoNs = line.Long(F.MonoNs);
        return e;
    }
}
