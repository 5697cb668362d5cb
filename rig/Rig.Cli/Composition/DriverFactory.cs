using Rig.Cli.Composition.Backends;
using Rig.Drivers.Meter;
using Rig.Drivers.Power;
using Rig.Drivers.Serial;
using Rig.Engine.Bench;
using Rig.Protocols;

namespace Rig.Cli.Composition;

/// <summary>
/// The composition root: the one place concrete drivers are wired to the engine, which sees only
/// the protocols. Every bench the rig reads is read with <see cref="Bench"/>.
/// </summary>
public static class DriverFactory
{
    /// <summary>The built-in power backends, the termios console and the INA power meters.</summary>
    public static readonly BenchDrivers Bench = new(BuiltinPowerBackends.Table, CreateConsole, CreateMeter);

    /// <summary>The slot's switch, opened by the backend that read its options.</summary>
    public static IPowerSwitch CreatePower(SlotConfig slot) => slot.OpenPower();

    public static IConsole CreateConsole(SerialSettings settings) => new TtyConsole(settings);

    /// <summary>
    /// The meter on its I2C bus; on a virtual bench (<c>bus: sim</c>) a simulated chip whose current
    /// follows the virtual device's power: the simulated bench, not something a plan can see.
    /// </summary>
    public static IPowerMeter CreateMeter(MeterSettings settings, object power)
    {
        if (settings.Bus != MeterSettings.SimBus)
        {
            return InaPowerMeter.Open(settings);
        }

        string stateDir = power is SimPowerOptions sim
            ? Path.GetFullPath(sim.StateDir)
            : throw new ArgumentException("a simulated power meter needs a virtual device's power (backend: sim)", nameof(power));
        var load = new BootLoad(() => VirtualDeviceProcess.FindRunning(stateDir) is not null);
        return new InaPowerMeter(settings, new SimInaDevice(settings.Chip, settings.Address, settings.ShuntOhms, load.Now));
    }
}
