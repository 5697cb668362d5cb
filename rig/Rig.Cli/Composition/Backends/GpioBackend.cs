using Rig.Drivers.Gpio;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Cli.Composition.Backends;

/// <summary><c>backend: gpio</c>: a relay on one line of a Linux GPIO character device.</summary>
public sealed class GpioBackend : PowerBackend<GpioPowerOptions>
{
    public override string Name => "gpio";

    /// <summary>The line is ours only while the request is open.</summary>
    public override bool HoldsLine => true;

    /// <summary>The switch drives the line back to the safe level before it releases it.</summary>
    public override SafeStateReach SafeStateReach => SafeStateReach.Released;

    public override GpioPowerOptions Read(YamlMap power, PowerReadContext context)
    {
        power.AllowOnly("backend", "chip", "line", "active_low");
        return new GpioPowerOptions(
            power.RequireString("chip"),
            (uint)(power.OptInt("line", 0, 1023) ?? throw power.Error("missing required key 'line'")),
            power.OptBool("active_low") ?? false);
    }

    /// <summary>Requested at the safe level: no glitch while the rig starts.</summary>
    public override IPowerSwitch Create(GpioPowerOptions options, PowerState safeState) => GpioPowerSwitch.Open(options, safeState);

    public override string Describe(GpioPowerOptions options) =>
        $"gpio {options.Chip} line {options.Line}{(options.ActiveLow ? " (active-low)" : string.Empty)}";
}
