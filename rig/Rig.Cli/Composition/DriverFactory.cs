using Rig.Drivers.Serial;
using Rig.Engine.Bench;
using Rig.Protocols;

namespace Rig.Engine.Runs;

/// <summary>Turns a slot's configuration into drivers behind the protocols.</summary>
public static class DriverFactory
{
    /// <summary>The slot's switch, opened by the backend that read its options.</summary>
    public static IPowerSwitch CreatePower(SlotConfig slot) => slot.PowerBackend.Create(slot.Power, slot.SafeState);

    public static IConsole CreateConsole(SerialSettings settings) => new TtyConsole(settings);
}
