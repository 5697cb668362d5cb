using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>
/// A network step of an action; only the properties that apply are written: a connection
/// (<see cref="Connect"/> or <see cref="Http"/>, and <see cref="Failed"/>), a sweep's parallelism
/// (<see cref="Sweep"/>, <see cref="Parallel"/>, <see cref="Because"/>), an SSH attempt
/// (<see cref="SshUser"/>, <see cref="Outcome"/>, <see cref="Detail"/>), a download the rig served
/// (<see cref="Serve"/>, <see cref="Target"/>, <see cref="Outcome"/>), or ports left out because the
/// host itself listens on them.
/// </summary>
public sealed record NetEvent(string Plan) : JournalEvent, IPlanEvent
{
    public string? Connect { get; init; }

    public string? Http { get; init; }

    public string? Failed { get; init; }

    public string? Sweep { get; init; }

    public long? Parallel { get; init; }

    public string? Because { get; init; }

    public string? SshUser { get; init; }

    public string? Serve { get; init; }

    public string? Target { get; init; }

    public string? Outcome { get; init; }

    public string? Detail { get; init; }

    public string? HostListenersLeftOut { get; init; }

    internal override JsonEncodedText Ev => K.Net;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteIfSet(F.Connect, Connect);
        w.WriteIfSet(F.Http, Http);
        w.WriteIfSet(F.Sweep, Sweep);
        if (Parallel is { } parallel)
        {
            w.WriteNumber(F.Parallel, parallel);
        }

        w.WriteIfSet(F.Because, Because);
        w.WriteIfSet(F.SshUser, SshUser);
        w.WriteIfSet(F.Serve, Serve);
        w.WriteIfSet(F.Target, Target);
        w.WriteIfSet(F.Outcome, Outcome);
        w.WriteIfSet(F.Detail, Detail);
        w.WriteIfSet(F.Failed, Failed);
        w.WriteIfSet(F.HostListenersLeftOut, HostListenersLeftOut);
    }

    internal static NetEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "")
    {
        Connect = e.Str(F.Connect),
        Http = e.Str(F.Http),
        Failed = e.Str(F.Failed),
        Sweep = e.Str(F.Sweep),
        Parallel = e.LongOrNull(F.Parallel),
        Because = e.Str(F.Because),
        SshUser = e.Str(F.SshUser),
        Serve = e.Str(F.Serve),
        Target = e.Str(F.Target),
        Outcome = e.Str(F.Outcome),
        Detail = e.Str(F.Detail),
        HostListenersLeftOut = e.Str(F.HostListenersLeftOut),
    };
}

/// <summary>A port scan: ports as comma-separated lists.</summary>
public sealed record ScanEvent(string Plan, string Address, long Probed, string Open, string Undeclared, long Filtered, string HostListenersLeftOut) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Scan;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.Address, Address);
        w.WriteNumber(F.Probed, Probed);
        w.WriteString(F.Open, Open);
        w.WriteString(F.Undeclared, Undeclared);
        w.WriteNumber(F.Filtered, Filtered);
        w.WriteString(F.HostListenersLeftOut, HostListenersLeftOut);
    }

    internal static ScanEvent Read(JsonElement e) => new(
        e.Str(F.Plan) ?? "", e.Str(F.Address) ?? "", e.Long(F.Probed), e.Str(F.Open) ?? "", e.Str(F.Undeclared) ?? "", e.Long(F.Filtered), e.Str(F.HostListenersLeftOut) ?? "");
}

/// <summary>A search of console.raw from byte <see cref="From"/> for secrets; the findings are evidence.</summary>
public sealed record SecretsEvent(string Plan, long From, long Found) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Secrets;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteNumber(F.From, From);
        w.WriteNumber(F.Found, Found);
    }

    internal static SecretsEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Long(F.From), e.Long(F.Found));
}

/// <summary>A firmware update attempt and the versions the device showed before and after.</summary>
public sealed record UpdateEvent(string Plan, string? Variant, string Outcome, string? Reason, string? Before, string? After) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Update;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.Variant, Variant);
        w.WriteString(F.Outcome, Outcome);
        w.WriteString(F.Reason, Reason);
        w.WriteString(F.Before, Before);
        w.WriteString(F.After, After);
    }

    internal static UpdateEvent Read(JsonElement e) =>
        new(e.Str(F.Plan) ?? "", e.Str(F.Variant), e.Str(F.Outcome) ?? "", e.Str(F.Reason), e.Str(F.Before), e.Str(F.After));
}

/// <summary>An action's result (<see cref="InsteadOf"/>) set aside: what it rests on was not observed (<see cref="Because"/>).</summary>
public sealed record UnobservedEvent(string Plan, string InsteadOf, string Because) : JournalEvent, IPlanEvent
{
    internal override JsonEncodedText Ev => K.Unobserved;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Plan, Plan);
        w.WriteString(F.InsteadOf, InsteadOf);
        w.WriteString(F.Because, Because);
    }

    internal static UnobservedEvent Read(JsonElement e) => new(e.Str(F.Plan) ?? "", e.Str(F.InsteadOf) ?? "", e.Str(F.Because) ?? "");
}
