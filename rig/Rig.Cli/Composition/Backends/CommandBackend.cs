using Rig.Drivers.Power;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Cli.Composition.Backends;

/// <summary><c>backend: command</c>: shell commands switch the power (a smart plug's CLI, a PDU script).</summary>
public sealed class CommandBackend : PowerBackend<CommandPowerOptions>
{
    public override string Name => "command";

    public override CommandPowerOptions Read(YamlMap power, PowerReadContext context)
    {
        power.AllowOnly("backend", "on", "off", "cycle", "state", "timeout");
        return new CommandPowerOptions(power.RequireString("on"), power.RequireString("off"), power.OptString("state"), power.OptDuration("timeout"), power.OptString("cycle"));
    }

    public override IPowerSwitch Create(CommandPowerOptions options, PowerState safeState) => new CommandPowerSwitch(options);

    public override string Describe(CommandPowerOptions options) =>
        $"command (on: {options.On}; off: {options.Off}{(options.Cycle is { } cycle ? $"; cycle: {cycle}" : string.Empty)})";
}
