using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>One place for a device under test: how its power is switched and where its console is.</summary>
/// <param name="Power">The power backend's options, as its <see cref="PowerBackend"/> read them from the bench file.</param>
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

    /// <summary>The backend that read <see cref="Power"/>: it opens the switch and describes it.</summary>
    public required IPowerBackend PowerBackend { get; init; }

    /// <summary>Opens <see cref="Console"/>: the console driver the program composed the bench with.</summary>
    public required Func<SerialSettings, IConsole> ConsoleDriver { get; init; }

    /// <summary>The label on the device that sits in the slot (<c>device:</c>), by which a lab user may address it.</summary>
    public string? Device { get; init; }

    /// <summary>The slot's power meter, if the bench declares one (<c>meter:</c>).</summary>
    public MeterSettings? Meter { get; init; }

    /// <summary>Opens <see cref="Meter"/>: the meter driver the program composed the bench with.</summary>
    public Func<MeterSettings, object, IPowerMeter>? MeterDriver { get; init; }

    /// <summary>The slot's switch, opened by the backend that read its options.</summary>
    public IPowerSwitch OpenPower() => PowerBackend.Create(Power, SafeState);

    public IConsole OpenConsole() => ConsoleDriver(Console);

    /// <summary>The slot's power meter, or null when the bench declares none.</summary>
    public IPowerMeter? OpenMeter() => Meter is { } m && MeterDriver is { } open ? open(m, Power) : null;
}
