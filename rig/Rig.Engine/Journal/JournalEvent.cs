using System.Text.Json;

namespace Rig.Engine.Journal;

/// <summary>
/// One line of a run's journal. Each kind is a record in this folder that writes its own fields and
/// reads them back; <see cref="JournalWriter"/> adds seq, mono_ns and ev, <see cref="JournalReader"/>
/// sets <see cref="Seq"/> and <see cref="MonoNs"/> from them. The schema is in JOURNAL.md.
/// </summary>
public abstract record JournalEvent
{
    /// <summary>The line's number in the journal, from 1 (0 when a hand-written journal left it out).</summary>
    public long Seq { get; internal set; }

    /// <summary>When it happened, on the rig's monotonic clock.</summary>
    public long MonoNs { get; internal set; }

    /// <summary>The event's name on disk (the "ev" property).</summary>
    internal abstract JsonEncodedText Ev { get; }

    /// <summary>Flushed to the disk, not only to the kernel: verdicts and the relay's safe state survive a power loss.</summary>
    internal virtual bool Durable => false;

    internal abstract void WriteFields(Utf8JsonWriter w);
}

/// <summary>An event that belongs to one plan.</summary>
public interface IPlanEvent
{
    string Plan { get; }
}

/// <summary>A line of a kind this rig does not know (kept, so seq and order stay whole).</summary>
public sealed record UnknownEvent(string Name) : JournalEvent
{
    internal override JsonEncodedText Ev => JsonEncodedText.Encode(Name);

    internal override void WriteFields(Utf8JsonWriter w)
    {
    }
}
