using Rig.Cli.Composition.Backends;
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
    /// <summary>The built-in power backends and the termios console.</summary>
    public static readonly BenchDrivers Bench = new(BuiltinPowerBackends.Table, CreateConsole);

    /// <summary>The slot's switch, opened by the backend that read its options.</summary>
    public static IPowerSwitch CreatePower(SlotConfig slot) => slot.OpenPower();

    public static IConsole CreateConsole(SerialSettings settings) => new TtyConsole(settings);
}
