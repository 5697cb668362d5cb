namespace Rig.Protocols;

/// <summary>Behaviour shared by all power backends.</summary>
public static class PowerSwitches
{
    /// <summary>The cycle every backend uses unless it can do better (e.g. a PDU's own cycle command).</summary>
    public static async Task CycleByOffOnAsync(IPowerSwitch power, TimeSpan offTime, CancellationToken ct)
    {
        await power.OffAsync(ct).ConfigureAwait(false);
        await Task.Delay(offTime, ct).ConfigureAwait(false);
        await power.OnAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Drives the switch to <paramref name="safe"/>, the bench's safe state for its slot.</summary>
    public static Task EnterAsync(IPowerSwitch power, PowerState safe, CancellationToken ct) =>
        safe == PowerState.On ? power.OnAsync(ct) : power.OffAsync(ct);
}
