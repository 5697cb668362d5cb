using System.Text.Json;

namespace Rig.Cli.Lab;

/// <summary>What an agent says about itself while it holds a bench: who, where, since when, its slots.</summary>
internal sealed record AgentClaim(string Bench, string Agent, string Host, int Pid, DateTimeOffset Since, string[] Slots)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static AgentClaim FromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<AgentClaim>(json, Json) ?? throw new InvalidDataException("empty agent claim");
}
