using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>A plan switched the device's power: <see cref="State"/> is on or off.</summary>
public sealed record PowerEvent(string Plan, string State) : JournalEvent, IPlanEvent
{
    public const string On = "on";
    public const string Off = "off";

    internal override JsonEncodedText Ev => K.Power;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.State, State);
    }

    internal static PowerEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Str(F.State) ?? "");
}

/// <summary>
/// A chunk of console output: its place in console.raw (<see cref="Offset"/>, <see cref="Length"/>);
/// the bytes themselves are only in console.raw. Written once per read by the console pipeline.
/// </summary>
public sealed record ConsoleChunkEvent(string Slot, long Offset, long Length) : JournalEvent
{
    internal override JsonEncodedText Ev => K.Console;

    internal override void WriteFields(Utf8JsonWriter w) => Write(w, Slot, Offset, Length);

    /// <summary>The fields without an event object: the console's hot path writes through this.</summary>
    internal static void Write(Utf8JsonWriter w, string slot, long offset, long length)
    {
        w.WriteString(F.Slot, slot);
        w.WriteNumber(F.Off, offset);
        w.WriteNumber(F.Len, length);
    }

    /// <summary>Offset and length are -1 when the line lacks them (a reader checks them against console.raw).</summary>
    internal static ConsoleChunkEvent Read(JsonElement e) => new(e.Str(F.Slot) ?? "", e.LongOrNull(F.Off) ?? -1, e.LongOrNull(F.Len) ?? -1);
}

/// <summary>The console opened, hung up, came back.</summary>
public sealed record ConsoleStatusEvent(string Slot, string Status, string Detail) : JournalEvent
{
    internal override JsonEncodedText Ev => K.ConsoleStatus;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Slot, Slot);
        w.WriteString(F.Status, Status);
        w.WriteString(F.Detail, Detail);
    }

    internal static ConsoleStatusEvent Read(JsonElement e) => new(e.Str(F.Slot) ?? "", e.Str(F.Status) ?? "", e.Str(F.Detail) ?? "");
}

/// <summary>Bytes the rig typed on the console; a secret is left out and named in <see cref="Redacted"/> instead.</summary>
public sealed record SendEvent(string Plan, byte[]? Data, string? Redacted = null) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Send;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        if (Redacted is not null)
        {
            w.WriteString(F.Redacted, Redacted);
        }
        else
        {
            w.WriteBase64String(F.Data, Data);
        }
    }

    internal static SendEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Bytes(F.Data), e.Str(F.Redacted));
}

/// <summary>One line of an attack transcript (a network exchange): <see cref="Dir"/> is tx, rx, or null for a truncation mark.</summary>
public sealed record TranscriptEvent(string Plan, string Title, string? Dir, byte[] Data) : JournalEvent, IPlanEvent
{
    public const string Sent = "tx";
    public const string Received = "rx";

    internal override JsonEncodedText Ev => K.Transcript;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.Title, Title);
        w.WriteString(F.Dir, Dir);
        w.WriteBase64String(F.Data, Data);
    }

    internal static TranscriptEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Str(F.Title) ?? "", e.Str(F.Dir), e.Bytes(F.Data) ?? []);
}

/// <summary>The rig starts typing interrupt keys for <see cref="WindowMs"/> milliseconds.</summary>
public sealed record InterruptEvent(string Plan, long WindowMs) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Interrupt;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteNumber(F.WindowMs, WindowMs);
    }

    internal static InterruptEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Long(F.WindowMs));
}

/// <summary>A power-cut trial cut the power at <see cref="At"/> (a point in the update).</summary>
public sealed record PowerCutEvent(string Plan, long Trial, string At) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.PowerCut;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteNumber(F.Trial, Trial);
        w.WriteString(F.At, At);
    }

    internal static PowerCutEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Long(F.Trial), e.Str(F.At) ?? "");
}
