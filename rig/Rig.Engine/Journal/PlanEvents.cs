using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>A plan begins: which file, with which SHA-256.</summary>
public sealed record PlanStartEvent(string Slot, string Plan, string? File, string? Sha256) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.PlanStart;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Slot, Slot);
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.File, File);
        w.WriteString(F.Sha256, Sha256);
    }

    internal static PlanStartEvent Read(JsonElement e) => new(e.Str(F.Slot) ?? "", e.Str(F.Plan) ?? "", e.Str(F.File), e.Str(F.Sha256));
}

/// <summary>A plan stopped without a verdict (the run was cancelled) in <see cref="State"/>.</summary>
public sealed record PlanAbortedEvent(string Plan, string State) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.PlanAborted;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.State, State);
    }

    internal static PlanAbortedEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Str(F.State) ?? "");
}

/// <summary>The plan entered a state.</summary>
public sealed record StateEvent(string Plan, string State) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.State;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.State, State);
    }

    internal static StateEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Str(F.State) ?? "");
}

/// <summary>A console pattern matched; <see cref="Taken"/> is false when the transition's guards said no.</summary>
public sealed record MatchEvent(string Plan, string State, string Pattern, string Text, long StreamOffset, bool Taken) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Match;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.State, State);
        w.WriteString(F.Pattern, Pattern);
        w.WriteString(F.Text, Text);
        w.WriteNumber(F.StreamOffset, StreamOffset);
        w.WriteBoolean(F.Taken, Taken);
    }

    internal static MatchEvent Read(JsonElement e) =>
        new(e.Str(F.Plan) ?? "", e.Str(F.State) ?? "", e.Str(F.Pattern) ?? "", e.Str(F.Text) ?? "", e.Long(F.StreamOffset), e.Flag(F.Taken));
}

/// <summary>A death pattern (crash, unasked reboot) matched the console.</summary>
public sealed record DeathEvent(string Plan, string State, string Pattern, string Text, long StreamOffset) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Death;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.State, State);
        w.WriteString(F.Pattern, Pattern);
        w.WriteString(F.Text, Text);
        w.WriteNumber(F.StreamOffset, StreamOffset);
    }

    internal static DeathEvent Read(JsonElement e) =>
        new(e.Str(F.Plan) ?? "", e.Str(F.State) ?? "", e.Str(F.Pattern) ?? "", e.Str(F.Text) ?? "", e.Long(F.StreamOffset));
}

/// <summary>An action starts; <see cref="Kind"/> is enter, exit or transition.</summary>
public sealed record ActionEvent(string Plan, string State, string Kind, string Action) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Action;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.State, State);
        w.WriteString(F.Kind, Kind);
        w.WriteString(F.Action, Action);
    }

    internal static ActionEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Str(F.State) ?? "", e.Str(F.Kind) ?? "", e.Str(F.Action) ?? "");
}

/// <summary>An enter action's result and the variables it set (on disk: "var.NAME" properties).</summary>
public sealed record ActionResultEvent(string Plan, string Action, string Result, IReadOnlyList<KeyValuePair<string, string>> Variables) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.ActionResult;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.Action, Action);
        w.WriteString(F.Result, Result);
        foreach ((string k, string v) in Variables)
        {
            w.WriteString(F.VariablePrefix + k, v);
        }
    }

    internal static ActionResultEvent Read(JsonElement e) => new(
        e.Str(F.Plan) ?? "",
        e.Str(F.Action) ?? "",
        e.Str(F.Result) ?? "",
        [.. e.EnumerateObject()
            .Where(p => p.Name.StartsWith(F.VariablePrefix, StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => KeyValuePair.Create(p.Name[F.VariablePrefix.Length..], p.Value.GetString()!))]);
}

/// <summary>
/// A plan's verdict. <see cref="Path"/> is the states it went through (absent for a plan that did not
/// run); <see cref="NotApplicable"/> and <see cref="Skipped"/> say why a plan did not run.
/// </summary>
public sealed record VerdictEvent(string Plan, string Verdict, string Reason, bool RigFault, IReadOnlyList<string>? Path = null, bool NotApplicable = false, bool Skipped = false, bool Declared = false)
    : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Verdict;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.Verdict, Verdict);
        w.WriteString(F.Reason, Reason);
        w.WriteBoolean(F.RigFault, RigFault);
        if (Path is not null)
        {
            w.WriteStrings(F.Path, Path);
        }

        if (NotApplicable)
        {
            w.WriteBoolean(F.NotApplicable, true);
        }

        if (Skipped)
        {
            w.WriteBoolean(F.Skipped, true);
        }

        if (Declared)
        {
            w.WriteBoolean(F.Declared, true);
        }
    }

    internal static VerdictEvent Read(JsonElement e) =>
        new(e.Str(F.Plan) ?? "", e.Str(F.Verdict) ?? "", e.Str(F.Reason) ?? "", e.Flag(F.RigFault), e.Strings(F.Path), e.Flag(F.NotApplicable), e.Flag(F.Skipped), e.Flag(F.Declared));
}
