using System.Text.Json.Serialization;

namespace Rig.Cli.Supervision;

/// <summary>The lines between rig and its supervisor, serialised by generated code (no reflection at run time; Native AOT).</summary>
[JsonSerializable(typeof(SupervisorMessage))]
internal sealed partial class SupervisorJson : JsonSerializerContext;
