using Rig.Drivers.Gpio;
using Rig.Drivers.Power;
using Rig.Drivers.Serial;
using Rig.Engine.Bench;
using Rig.Protocols;

namespace Rig.Engine.Runs;

/// <summary>Turns a slot's configuration into drivers behind the protocols: the one place that names driver types.</summary>
public static class DriverFactory
{
    public static IPowerSwitch CreatePower(SlotConfig slot) => slot.Power switch
    {
        GpioPowerOptions gpio => GpioPowerSwitch.Open(gpio, slot.SafeState), // requested at the safe level: no glitch
        CommandPowerOptions command => new CommandPowerSwitch(command),
        SimPowerOptions sim => new SimPowerSwitch(sim),
        _ => throw new ArgumentException($"slot '{slot.Name}': no driver for {slot.Power.GetType().Name}"),
    };

    public static IConsole CreateConsole(SerialSettings settings) => new TtyConsole(settings);
}
