using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>The run's opening event: enough identity to render the report from the journal alone.</summary>
public sealed record RunStartEvent(
    string? Utc,
    string? RigVersion,
    LabRecord Lab,
    BenchRecord Bench,
    ProfileRecord Profile,
    RunScheme? Scheme,
    IReadOnlyList<RunPlan> Plans) : JournalEvent
{
    internal override JsonEncodedText Ev => K.RunStart;

    internal override bool Durable => true;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Utc, Utc);
        w.WriteString(F.RigVersion, RigVersion);
        w.WriteStartObject(F.Lab);
        Lab.Write(w);
        w.WriteEndObject();
        w.WriteStartObject(F.Bench);
        Bench.Write(w);
        w.WriteEndObject();
        w.WriteStartObject(F.Profile);
        Profile.Write(w);
        w.WriteEndObject();
        if (Scheme is not null)
        {
            w.WriteStartObject(F.Scheme);
            Scheme.Write(w);
            w.WriteEndObject();
        }

        w.WriteStartArray(F.Plans);
        foreach (RunPlan p in Plans)
        {
            w.WriteStartObject();
            p.Write(w);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static RunStartEvent Read(JsonElement e) => new(
        e.Str(F.Utc),
        e.Str(F.RigVersion),
        LabRecord.Read(e.Obj(F.Lab)),
        BenchRecord.Read(e.Obj(F.Bench)),
        ProfileRecord.Read(e.Obj(F.Profile)),
        e.Obj(F.Scheme).ValueKind == JsonValueKind.Object ? RunScheme.Read(e.Obj(F.Scheme)) : null,
        [.. e.Objects(F.Plans).Select(RunPlan.Read)]);
}

/// <summary>The lab that ran the test, as the operator declared it.</summary>
public sealed record LabRecord(string? Name, string? Address, string? Accreditation, string? Signer, string? Customer, string? Received)
{
    internal void Write(Utf8JsonWriter w)
    {
        w.WriteString(F.Name, Name);
        w.WriteString(F.Address, Address);
        w.WriteString(F.Accreditation, Accreditation);
        w.WriteString(F.Signer, Signer);
        w.WriteString(F.Customer, Customer);
        w.WriteString(F.Received, Received);
    }

    internal static LabRecord Read(JsonElement e) =>
        new(e.Str(F.Name), e.Str(F.Address), e.Str(F.Accreditation), e.Str(F.Signer), e.Str(F.Customer), e.Str(F.Received));
}

/// <summary>The bench and the slot the device sat in.</summary>
/// <param name="Meter">The slot's power meter and its rate, when it has one.</param>
public sealed record BenchRecord(string? Name, string? File, string? Sha256, string? Slot, string? Power, string? Console, string? ConsoleSettings, string? SafeState, string? Meter = null)
{
    internal void Write(Utf8JsonWriter w)
    {
        w.WriteString(F.Name, Name);
        w.WriteString(F.File, File);
        w.WriteString(F.Sha256, Sha256);
        w.WriteString(F.Slot, Slot);
        w.WriteString(F.Power, Power);
        w.WriteString(F.Console, Console);
        w.WriteString(F.ConsoleSettings, ConsoleSettings);
        w.WriteString(F.SafeState, SafeState);
        if (Meter is not null)
        {
            w.WriteString(F.Meter, Meter);
        }
    }

    internal static BenchRecord Read(JsonElement e) => new(
        e.Str(F.Name), e.Str(F.File), e.Str(F.Sha256), e.Str(F.Slot), e.Str(F.Power), e.Str(F.Console), e.Str(F.ConsoleSettings), e.Str(F.SafeState), e.Str(F.Meter));
}

/// <summary>The device profile and the unit tested.</summary>
public sealed record ProfileRecord(
    string? Name,
    string? File,
    string? Sha256,
    string? Manufacturer,
    string? Model,
    string? HardwareRevision,
    string? FirmwareVersion,
    string? Serial,
    string? Mac,
    string? FirmwareImage,
    string? FirmwareSha256,
    string? Address)
{
    internal void Write(Utf8JsonWriter w)
    {
        w.WriteString(F.Name, Name);
        w.WriteString(F.File, File);
        w.WriteString(F.Sha256, Sha256);
        w.WriteString(F.Manufacturer, Manufacturer);
        w.WriteString(F.Model, Model);
        w.WriteString(F.HardwareRevision, HardwareRevision);
        w.WriteString(F.FirmwareVersion, FirmwareVersion);
        w.WriteString(F.Serial, Serial);
        w.WriteString(F.Mac, Mac);
        // Only when the declared image was found: named and hashed so the report identifies the firmware.
        w.WriteIfSet(F.FirmwareImage, FirmwareImage);
        w.WriteIfSet(F.FirmwareSha256, FirmwareSha256);
        w.WriteString(F.Address, Address);
    }

    internal static ProfileRecord Read(JsonElement e) => new(
        e.Str(F.Name), e.Str(F.File), e.Str(F.Sha256), e.Str(F.Manufacturer), e.Str(F.Model), e.Str(F.HardwareRevision),
        e.Str(F.FirmwareVersion), e.Str(F.Serial), e.Str(F.Mac), e.Str(F.FirmwareImage), e.Str(F.FirmwareSha256), e.Str(F.Address));
}

/// <summary>The scheme the run followed.</summary>
public sealed record RunScheme(string? Id, string? Title, string? Version, string? Standard, string? File, string? Sha256, string? DecisionRule)
{
    internal void Write(Utf8JsonWriter w)
    {
        w.WriteString(F.Id, Id);
        w.WriteString(F.Title, Title);
        w.WriteString(F.Version, Version);
        w.WriteString(F.Standard, Standard);
        w.WriteString(F.File, File);
        w.WriteString(F.Sha256, Sha256);
        w.WriteString(F.DecisionRule, DecisionRule);
    }

    internal static RunScheme Read(JsonElement e) =>
        new(e.Str(F.Id), e.Str(F.Title), e.Str(F.Version), e.Str(F.Standard), e.Str(F.File), e.Str(F.Sha256), e.Str(F.DecisionRule));
}

/// <summary>A plan the run was asked to execute, with its inputs.</summary>
public sealed record RunPlan(string? Id, string? Title, string? Version, string? File, string? Sha256, IReadOnlyList<string> Provisions, IReadOnlyList<PlanInputRecord> Inputs)
{
    internal void Write(Utf8JsonWriter w)
    {
        w.WriteString(F.Id, Id);
        w.WriteString(F.Title, Title);
        w.WriteString(F.Version, Version);
        w.WriteString(F.File, File);
        w.WriteString(F.Sha256, Sha256);
        w.WriteStrings(F.Provisions, Provisions);
        w.WriteStartArray(F.Inputs);
        foreach (PlanInputRecord i in Inputs)
        {
            w.WriteStartObject();
            w.WriteString(F.Name, i.Name);
            w.WriteString(F.Sha256, i.Sha256);
            w.WriteString(F.Source, i.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static RunPlan Read(JsonElement e) => new(
        e.Str(F.Id), e.Str(F.Title), e.Str(F.Version), e.Str(F.File), e.Str(F.Sha256), e.Strings(F.Provisions) ?? [],
        [.. e.Objects(F.Inputs).Select(i => new PlanInputRecord(i.Str(F.Name), i.Str(F.Sha256), i.Str(F.Source)))]);
}

/// <summary>A file a plan read (a word list, a firmware image), hashed.</summary>
public sealed record PlanInputRecord(string? Name, string? Sha256, string? Source);
