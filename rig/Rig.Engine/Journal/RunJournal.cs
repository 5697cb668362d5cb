namespace Rig.Engine.Journal;

/// <summary>
/// A run's journal, parsed once (by <see cref="JournalReader.Read"/>) into typed events: the one view the
/// report, its diagrams and timeline, the transcript export and the plan path all read.
/// </summary>
public sealed class RunJournal
{
    /// <summary>The journal's file name in a run folder.</summary>
    public const string FileName = "journal.jsonl";

    internal RunJournal(string file, IReadOnlyList<JournalEvent> events, bool truncated, string opening)
    {
        File = file;
        Events = events;
        Truncated = truncated;
        Opening = opening;
        RunStart = events.OfType<RunStartEvent>().FirstOrDefault();
        StartNs = RunStart?.MonoNs ?? (events.Count > 0 ? events[0].MonoNs : 0);
        EndNs = events.OfType<RunEndEvent>().LastOrDefault()?.MonoNs ?? (events.Count > 0 ? events[^1].MonoNs : StartNs);
    }

    /// <summary>The journal file it was read from.</summary>
    public string File { get; }

    /// <summary>Every complete event, in journal order.</summary>
    public IReadOnlyList<JournalEvent> Events { get; }

    /// <summary>True when the last line was cut by a crash.</summary>
    public bool Truncated { get; }

    /// <summary>The text of the first two lines: what identifies the run (the report's id is a digest of it).</summary>
    public string Opening { get; }

    /// <summary>The format version the journal declares (1 for a journal without an opening line).</summary>
    public int Version => Events.OfType<JournalOpenedEvent>().FirstOrDefault()?.Version ?? 1;

    /// <summary>The run's identity, or null when the journal has none (a hand-written or cut one).</summary>
    public RunStartEvent? RunStart { get; }

    /// <summary>The run's start: run-start's time, else the first event's.</summary>
    public long StartNs { get; }

    /// <summary>The run's end: run-end's time, else the last event's (the rig died).</summary>
    public long EndNs { get; }

    /// <summary>The scheme's decision, when the run followed a scheme and got that far.</summary>
    public SchemeResultEvent? SchemeResult => Events.OfType<SchemeResultEvent>().LastOrDefault();

    /// <summary>The ladder scheme's decision (levels, certificate terms), when the run was climbed against one.</summary>
    public LadderResultEvent? LadderResult => Events.OfType<LadderResultEvent>().LastOrDefault();

    public IEnumerable<T> Of<T>()
        where T : JournalEvent => Events.OfType<T>();

    public IEnumerable<T> ForPlan<T>(string plan)
        where T : JournalEvent, IPlanEvent => Events.OfType<T>().Where(e => e.Plan == plan);
}
