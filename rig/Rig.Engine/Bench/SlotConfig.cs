using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>One place for a device under test: how its power is switched and where its console is.</summary>
/// <param name="Power">The backend's options: GpioPowerOptions, CommandPowerOptions or SimPowerOptions.</param>
/// <param name="SafeState">What every exit path leaves the relay at.</param>
/// <param name="CycleOff">How long a power cycle keeps the device off.</param>
/// <param name="ConsoleGrace">How long a console that hung up outside a boot may take to come back before it is a rig fault.</param>
public sealed record SlotConfig(
    string Name,
    object Power,
    SerialSettings Console,
    PowerState SafeState,
    TimeSpan CycleOff,
    TimeSpan? ConsoleGrace = null)
{
    public static readonly TimeSpan DefaultConsoleGrace = TimeSpan.FromSeconds(10);
}
