using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Engine.Bench;

/// <summary>
/// One kind of power switch a bench file can name (<c>backend: gpio</c>): everything the rig needs
/// to know about it, so that the engine asks this descriptor instead of the concrete driver.
/// A new backend is its own descriptor, registered with one line in a <see cref="PowerBackends"/> table.
/// </summary>
public interface IPowerBackend
{
    /// <summary>The name a bench file gives in <c>backend:</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when the switch holds a resource (a GPIO line) for as long as it is open: its state lasts
    /// only while the rig runs, so <c>rig power on</c> must keep it open.
    /// </summary>
    bool HoldsLine { get; }

    /// <summary>How the relay gets back to the bench's safe state when the rig lets go of it.</summary>
    SafeStateReach SafeStateReach { get; }

    /// <summary>
    /// Reads the slot's <c>power:</c> mapping (checking its keys) into the backend's options;
    /// a mistake is a <see cref="ConfigException"/> at its file:line:col.
    /// </summary>
    object Read(YamlMap power, PowerReadContext context);

    /// <summary>Opens the switch. A backend that can set its initial level starts at <paramref name="safeState"/>.</summary>
    IPowerSwitch Create(object options, PowerState safeState);

    /// <summary>One line for the run's journal and report, from the bench file alone (nothing opened).</summary>
    string Describe(object options);

    /// <summary>
    /// Where the backend itself puts the device on the network (a virtual device), or null when
    /// the lab wires it; a run refuses a profile that declares the device elsewhere.
    /// </summary>
    string? DeviceAddress(object options) => null;
}

/// <summary>How a power backend's relay reaches the safe state when the rig lets it go.</summary>
public enum SafeStateReach
{
    /// <summary>The rig switches it to the safe state before it lets go; afterwards it stays as it was left.</summary>
    Switched,

    /// <summary>Releasing the switch returns the relay to the safe state by itself (a GPIO line requested at the safe level).</summary>
    Released,
}

/// <summary>What a backend needs beyond its own mapping to read it.</summary>
/// <param name="StateRoot">Where relative paths in the bench file resolve (never the current folder).</param>
/// <param name="ConsolePath">The slot's console path, already resolved (a virtual device links its pty there).</param>
public sealed record PowerReadContext(string StateRoot, string ConsolePath)
{
    /// <summary>A bench path: ~/ is the user's home, a relative path lives under the state root.</summary>
    public string Resolve(string path) => BenchPaths.Resolve(path, StateRoot);
}
