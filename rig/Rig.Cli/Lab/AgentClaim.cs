using System.Text.Json;

namespace Rig.Cli.Lab;

/// <summary>What an agent says about itself while it holds a bench: who, where, since when, its slots.</summary>
internal sealed record AgentClaim(string Bench, string Agent, string Host, int Pid, DateTimeOffset Since, string[] Slots)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, LabJson.Default.AgentClaim);

    public static AgentClaim FromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, LabJson.Default.AgentClaim) ?? throw new InvalidDataException("empty agent claim");
}
