using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>The journal's first line: its format version and when it was opened.</summary>
public sealed record JournalOpenedEvent(int Version, string? Utc) : JournalEvent
{
    internal override JsonEncodedText Ev => K.Journal;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteNumber(F.Version, Version);
        w.WriteIfSet(F.Utc, Utc);
    }

    internal static JournalOpenedEvent Read(JsonElement e) => new((int)e.Long(F.Version), e.Str(F.Utc));
}

/// <summary>The run's last event: whether it was interrupted and whether the relay reached its safe state.</summary>
public sealed record RunEndEvent(bool Interrupted, bool SafeStateReached) : JournalEvent
{
    internal override JsonEncodedText Ev => K.RunEnd;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteBoolean(F.Interrupted, Interrupted);
        w.WriteBoolean(F.SafeStateReached, SafeStateReached);
    }

    internal static RunEndEvent Read(JsonElement e) => new(e.Flag(F.Interrupted), e.Flag(F.SafeStateReached));
}

/// <summary>The scheme's decision, per provision, from the run's verdicts; written once, after run-end.</summary>
public sealed record SchemeResultEvent(string? Scheme, string? Overall, IReadOnlyList<ProvisionRecord> Provisions) : JournalEvent
{
    internal override JsonEncodedText Ev => K.SchemeResult;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Scheme, Scheme);
        w.WriteString(F.Overall, Overall);
        w.WriteStartArray(F.Provisions);
        foreach (ProvisionRecord p in Provisions)
        {
            w.WriteStartObject();
            w.WriteString(F.Id, p.Id);
            w.WriteString(F.Title, p.Title);
            w.WriteString(F.Outcome, p.Outcome);
            w.WriteStrings(F.Plans, p.Plans);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static SchemeResultEvent Read(JsonElement e) => new(
        e.Str(F.Scheme),
        e.Str(F.Overall),
        [.. e.Objects(F.Provisions).Select(p => new ProvisionRecord(p.Str(F.Id), p.Str(F.Title), p.Str(F.Outcome), p.Strings(F.Plans) ?? []))]);
}

/// <summary>One provision's outcome; <see cref="Plans"/> reads "PLAN-ID verdict" per plan it rests on.</summary>
public sealed record ProvisionRecord(string? Id, string? Title, string? Outcome, IReadOnlyList<string> Plans);

/// <summary>The slot's relay reached the bench's safe state.</summary>
public sealed record SafeStateEvent(string Slot, string State) : JournalEvent
{
    internal override JsonEncodedText Ev => K.SafeState;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Slot, Slot);
        w.WriteString(F.State, State);
    }

    internal static SafeStateEvent Read(JsonElement e) => new(e.Str(F.Slot) ?? "", e.Str(F.State) ?? "");
}

/// <summary>The slot's relay could not be driven to its safe state.</summary>
public sealed record SafeStateFailedEvent(string Slot, string Error) : JournalEvent
{
    internal override JsonEncodedText Ev => K.SafeStateFailed;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Slot, Slot);
        w.WriteString(F.Error, Error);
    }

    internal static SafeStateFailedEvent Read(JsonElement e) => new(e.Str(F.Slot) ?? "", e.Str(F.Error) ?? "");
}

/// <summary>Something the operator should know that is not a verdict.</summary>
public sealed record WarningEvent(string Text) : JournalEvent
{
    internal override JsonEncodedText Ev => K.Warning;

    internal override void WriteFields(Utf8JsonWriter w) => w.WriteString(F.Text, Text);

    internal static WarningEvent Read(JsonElement e) => new(e.Str(F.Text) ?? "");
}

/// <summary>
/// The supervisor drove the slot to its safe state (or failed to: <see cref="Error"/>) after the rig
/// process <see cref="Rig"/> ended without doing so, <see cref="Ms"/> milliseconds after it noticed.
/// </summary>
public sealed record SupervisorSafeStateEvent(string Slot, string State, string Rig, double Ms, string? Error = null) : JournalEvent
{
    internal override JsonEncodedText Ev => Error is null ? K.SupervisorSafeState : K.SupervisorSafeStateFailed;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Slot, Slot);
        w.WriteString(F.State, State);
        w.WriteString(F.RigProcess, Rig);
        w.WriteNumber(F.Ms, Ms);
        w.WriteIfSet(F.Error, Error);
    }

    internal static SupervisorSafeStateEvent Read(JsonElement e) =>
        new(e.Str(F.Slot) ?? "", e.Str(F.State) ?? "", e.Str(F.RigProcess) ?? "", e.TryGetProperty(F.Ms.EncodedUtf8Bytes, out JsonElement ms) && ms.TryGetDouble(out double v) ? v : 0, e.Str(F.Error));
}
