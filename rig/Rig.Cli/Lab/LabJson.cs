using System.Text.Json.Serialization;

namespace Rig.Cli.Lab;

/// <summary>
/// The lab's JSON records (job and slot buckets, agent claims), serialised by generated code: no reflection at
/// run time, so the same code runs in a Native AOT build. Snake-case names, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobRecord))]
[JsonSerializable(typeof(AgentClaim))]
[JsonSerializable(typeof(SlotRecord))]
internal sealed partial class LabJson : JsonSerializerContext;
