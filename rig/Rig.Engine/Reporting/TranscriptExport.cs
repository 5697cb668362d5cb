using System.Globalization;
using Rig.Engine.Journal;
using Rig.Engine.Runs;
using Rig.Formats.Transcripts;

namespace Rig.Engine.Reporting;

/// <summary>
/// Turns a run folder (journal + raw console log) into a console transcript, so what a real device
/// did in a run can be replayed by the virtual device and plans developed without the device.
/// </summary>
/// <remarks>
/// A replay plays one power-on, so the transcript starts at the last power-on in the selection
/// (the whole run, or one plan's part): console chunks become rx lines timed from it, and the
/// rig's send events become tx lines, in journal order; times after a tx count from that send.
/// The sim switch journals "power on" only when its start-up wait is over, so output that came
/// between the power-off before it and the event itself belongs to that boot, and its first
/// chunk is then taken as the power-on time. Without any power-on, times count from the first
/// event of the selection.
/// </remarks>
public static class TranscriptExport
{
    /// <summary>Reads <paramref name="runDir"/> and returns its transcript (first line: a note saying where it came from).</summary>
    /// <param name="planId">Only that plan's part of the run (from its plan-start to the next plan or the end of the run).</param>
    /// <exception cref="ArgumentException">Not a run folder, or the plan is not in it.</exception>
    /// <exception cref="InvalidDataException">The journal and the console log disagree, or the selection is too large for a transcript.</exception>
    public static ConsoleTranscript FromRun(string runDir, string? planId = null)
    {
        string journalPath = Path.Combine(runDir, SlotCertification.JournalFile);
        if (!File.Exists(journalPath))
        {
            throw new ArgumentException($"{runDir}: not a run folder (no {SlotCertification.JournalFile})");
        }

        RunJournal journal = JournalReader.Read(journalPath);
        List<JournalEvent> events = [.. journal.Events];
        if (events.Count == 0)
        {
            throw new ArgumentException($"{journalPath}: the journal is empty");
        }

        (int from, int to) = Select(events, planId, runDir);
        (int first, long powerOnNs, string origin) = PowerOn(events, from, to);

        var steps = new List<TranscriptStep> { new NoteStep(Provenance(journal.RunStart, planId, origin)) };
        using FileStream? raw = OpenRaw(runDir, events, first, to);
        var chunks = new ChunkReader(raw, journalPath);
        long segmentNs = powerOnNs;
        double lastTime = 0;
        byte[] carry = [];
        for (int i = first; i < to; i++)
        {
            switch (events[i])
            {
                case ConsoleChunkEvent e:
                    byte[] data = Concat(carry, chunks.Read(e));
                    // A UTF-8 character cut by a read boundary would turn the whole line into base64; it goes with the next chunk instead.
                    int cut = NextIsConsole(events, i + 1, to) ? IncompleteUtf8Tail(data) : 0;
                    carry = data[(data.Length - cut)..];
                    lastTime = Math.Max(lastTime, Seconds(e.MonoNs - segmentNs));
                    if (data.Length > cut)
                    {
                        steps.Add(new DeviceOutputStep(lastTime, data[..(data.Length - cut)]));
                    }

                    break;
                case SendEvent e:
                    steps.Add(Input(e, journalPath));
                    segmentNs = e.MonoNs;
                    lastTime = 0;
                    break;
            }
        }

        return new ConsoleTranscript(steps);
    }

    /// <summary>Exports <paramref name="runDir"/> to <paramref name="outFile"/> (written whole, then renamed into place).</summary>
    public static ConsoleTranscript Export(string runDir, string outFile, string? planId = null)
    {
        ConsoleTranscript transcript = FromRun(runDir, planId);
        ConsoleTranscriptWriter.WriteFile(outFile, transcript);
        return transcript;
    }

    /// <summary>The journal range [from, to) of the run or of one plan.</summary>
    private static (int From, int To) Select(List<JournalEvent> events, string? planId, string runDir)
    {
        if (planId is null)
        {
            return (0, events.Count);
        }

        int from = events.FindIndex(e => e is PlanStartEvent s && s.Plan == planId);
        if (from < 0)
        {
            string[] plans = [.. events.OfType<PlanStartEvent>().Select(e => e.Plan.Length == 0 ? "?" : e.Plan).Distinct()];
            throw new ArgumentException($"{runDir}: plan '{planId}' is not in this run (it ran: {(plans.Length == 0 ? "no plans" : string.Join(", ", plans))})");
        }

        int to = events.FindIndex(from + 1, e => e is PlanStartEvent or RunEndEvent);
        return (from, to < 0 ? events.Count : to);
    }

    /// <summary>Where the exported part starts, the power-on time its clock counts from, and a phrase saying which.</summary>
    private static (int First, long PowerOnNs, string Origin) PowerOn(List<JournalEvent> events, int from, int to)
    {
        int on = events.FindLastIndex(to - 1, to - from, e => IsPower(e, PowerEvent.On));
        if (on < 0)
        {
            return (from, events[from].MonoNs, $"times from journal event {Seq(events[from])} (the run has no power-on here)");
        }

        int off = events.FindLastIndex(on, on - from + 1, e => IsPower(e, PowerEvent.Off));
        int first = off < 0 ? from : off + 1;
        long onNs = events[on].MonoNs;
        int early = events.FindIndex(first, on - first, e => e is ConsoleChunkEvent);
        return early >= 0 && events[early].MonoNs < onNs
            ? (first, events[early].MonoNs, $"times from the power-on (journal event {Seq(events[on])}; its first output came before that event was written)")
            : (first, onNs, $"times from the power-on (journal event {Seq(events[on])})");
    }

    /// <summary>True when the next console or send event after <paramref name="from"/> is console output.</summary>
    private static bool NextIsConsole(List<JournalEvent> events, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            switch (events[i])
            {
                case ConsoleChunkEvent:
                    return true;
                case SendEvent:
                    return false;
            }
        }

        return false;
    }

    private static bool IsPower(JournalEvent e, string state) => e is PowerEvent p && p.State == state;

    private static string Provenance(RunStartEvent? start, string? planId, string origin)
    {
        string run = "an unnamed run";
        if (start is not null)
        {
            string bench = start.Bench.Name is { } b ? $", bench {b} slot {start.Bench.Slot} ({start.Bench.Power})" : string.Empty;
            string profile = start.Profile.Name is { } p ? $", profile {p} (firmware {start.Profile.FirmwareVersion})" : string.Empty;
            run = $"the run of {start.Utc} (rig {start.RigVersion}){bench}{profile}";
        }

        string scope = planId is null ? "whole run" : $"plan {planId}";
        return $"Console of {run}, {scope}; recorded by rig transcript export; {origin}.";
    }

    private static RigInputStep Input(SendEvent e, string journalPath)
    {
        if (e.Data is null)
        {
            string why = e.Redacted is { } r ? $"the rig typed a {r} that the journal leaves out" : "no base64 data";
            throw new InvalidDataException($"{journalPath}: send event {Seq(e)}: {why}");
        }

        try
        {
            return RigInputStep.Exactly(e.Data);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{journalPath}: send event {Seq(e)}: {ex.Message}", ex);
        }
    }

    private static FileStream? OpenRaw(string runDir, List<JournalEvent> events, int from, int to)
    {
        string path = Path.Combine(runDir, SlotCertification.ConsoleLogFile);
        bool needed = events.Skip(from).Take(to - from).Any(e => e is ConsoleChunkEvent);
        if (!needed)
        {
            return null;
        }

        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)
            : throw new ArgumentException($"{runDir}: the journal references console output but {SlotCertification.ConsoleLogFile} is missing");
    }

    private static string Seq(JournalEvent e) => e.Seq > 0 ? e.Seq.ToString(CultureInfo.InvariantCulture) : "?";

    /// <summary>Nanoseconds to seconds, to the microsecond (what the transcript keeps).</summary>
    private static double Seconds(long ns) => Math.Max(0, Math.Round(ns / 1e9, 6));

    private static byte[] Concat(byte[] a, byte[] b) => a.Length == 0 ? b : [.. a, .. b];

    /// <summary>How many bytes at the end start a UTF-8 character that is not complete yet (0 to 3).</summary>
    private static int IncompleteUtf8Tail(ReadOnlySpan<byte> data)
    {
        for (int back = 1; back <= Math.Min(3, data.Length); back++)
        {
            byte b = data[^back];
            if ((b & 0xC0) != 0x80)
            {
                int need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
                return need > back ? back : 0;
            }
        }

        return 0;
    }

    /// <summary>Cuts console chunks out of the raw log, checking that the journal's references stay inside it.</summary>
    private sealed class ChunkReader(FileStream? raw, string journalPath)
    {
        private long _total;

        public byte[] Read(ConsoleChunkEvent e)
        {
            long off = e.Offset;
            int len = e.Length is >= 0 and <= int.MaxValue ? (int)e.Length : -1;
            if (raw is null || off < 0 || len < 0 || off + len > raw.Length)
            {
                throw new InvalidDataException($"{journalPath}: console event {Seq(e)} points outside {SlotCertification.ConsoleLogFile} (off {off}, len {len})");
            }

            _total += len;
            if (_total > ConsoleTranscript.MaxFileBytes / 2)
            {
                throw new InvalidDataException($"{journalPath}: more than {ConsoleTranscript.MaxFileBytes / 2 / (1024 * 1024)} MiB of console output to export; choose one plan with --plan");
            }

            byte[] data = new byte[len];
            for (int done = 0; done < len;)
            {
                int n = RandomAccess.Read(raw.SafeFileHandle, data.AsSpan(done), off + done);
                done += n > 0 ? n : throw new InvalidDataException($"{journalPath}: {SlotCertification.ConsoleLogFile} shrank while it was read");
            }

            return data;
        }
    }
}
