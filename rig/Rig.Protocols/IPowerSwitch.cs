namespace Rig.Protocols;

/// <summary>What a plan may do with a slot's power: on, off, cycle, read back.</summary>
/// <remarks>Backends live in drivers/ (gpio, command, sim); plans reach them only through actions.</remarks>
public interface IPowerSwitch : IAsyncDisposable
{
    /// <summary>Human-readable identity for journals and errors, e.g. "gpio pinctrl-bcm2711:17".</summary>
    string Describe { get; }

    Task OnAsync(CancellationToken ct);

    Task OffAsync(CancellationToken ct);

    /// <summary>Off, wait <paramref name="offTime"/>, on. The off-time lets capacitors drain.</summary>
    Task CycleAsync(TimeSpan offTime, CancellationToken ct);

    /// <summary>
    /// True when <see cref="CycleAsync"/> is the backend's own cycle (a PDU's cycle command), not
    /// off, wait, on: a plan's cycle then uses it. Otherwise the rig switches off and on itself,
    /// so it can tell the plan when each happened.
    /// </summary>
    bool CyclesItself => false;

    /// <summary>The state as the backend can tell it; Unknown when it cannot be read back.</summary>
    Task<PowerState> GetStateAsync(CancellationToken ct);
}

public enum PowerState
{
    Off,
    On,
    Unknown,
}
