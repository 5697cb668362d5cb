using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rig.Cli.Lab;

/// <summary>A slot as the lab sees it, kept in the slot bucket: its device label, and idle or the job it runs. An agent that restarts reads it to find the job its predecessor lost.</summary>
internal sealed record SlotRecord(string Bench, string Slot, string? Device, string? Job, DateTimeOffset Since)
{

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, LabJson.Default.SlotRecord);

    public static SlotRecord FromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, LabJson.Default.SlotRecord) ?? throw new InvalidDataException("empty slot record");
}
