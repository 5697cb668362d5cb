using Rig.Protocols;

namespace Rig.Drivers.Gpio;

/// <summary>A power switch on one GPIO line driving a relay: active = power on.</summary>
/// <remarks>
/// The line is held from creation to disposal. It starts at the bench's safe state (set in the
/// request itself, so an active-low relay never clicks on while the rig starts) and is driven
/// back to it before release, because Raspberry Pi kernels keep a released output driven.
/// </remarks>
public sealed class GpioPowerSwitch : IPowerSwitch
{
    private readonly IGpioOutputLine _line;
    private int _disposed;

    private GpioPowerSwitch(IGpioOutputLine line, string describe, PowerState safeState)
    {
        _line = line;
        Describe = describe;
        SafeState = safeState;
    }

    /// <summary>E.g. "gpio pinctrl-bcm2711 line 17 (active-low)".</summary>
    public string Describe { get; }

    /// <summary>The level the line starts at and returns to on disposal.</summary>
    public PowerState SafeState { get; }

    /// <summary>Opens the real chip named by <see cref="GpioPowerOptions.Chip"/> (label or path) and takes the line.</summary>
    /// <param name="options">Chip, line, polarity and consumer name.</param>
    /// <param name="safeState">The bench's safe state, normally Off: the line starts there and returns there.</param>
    /// <exception cref="RigFaultException">No such chip or line, the line is busy (naming its holder), or no access.</exception>
    public static GpioPowerSwitch Open(GpioPowerOptions options, PowerState safeState = PowerState.Off)
    {
        ArgumentNullException.ThrowIfNull(options);
        GpioCharDevChip chip;
        try
        {
            chip = GpioCharDevChip.Open(options.Chip);
        }
        catch (IOException e)
        {
            throw new RigFaultException($"gpio line {options.Line}: {e.Message}", e);
        }

        // The request fd keeps the line; the chip fd is needed only to make the request.
        using (chip)
        {
            return Request(chip, options, safeState);
        }
    }

    /// <summary>Takes a line on a chip already open (the real one or a <see cref="FakeGpioChip"/>); <see cref="GpioPowerOptions.Chip"/> is not consulted.</summary>
    /// <exception cref="RigFaultException">No such line, the line is busy (naming its holder), or no access.</exception>
    public static GpioPowerSwitch Request(IGpioChip chip, GpioPowerOptions options, PowerState safeState = PowerState.Off)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(options);
        if (safeState == PowerState.Unknown)
        {
            throw new ArgumentException("a safe state must be On or Off", nameof(safeState));
        }

        string describe = $"gpio {(chip.Label.Length > 0 ? chip.Label : chip.Name)} line {options.Line}"
            + (options.ActiveLow ? " (active-low)" : "");
        try
        {
            var line = chip.RequestOutput(options.Line, options.ActiveLow, safeState == PowerState.On, options.Consumer);
            return new GpioPowerSwitch(line, describe, safeState);
        }
        catch (IOException e)
        {
            throw new RigFaultException(e.Message, e);
        }
    }

    public Task OnAsync(CancellationToken ct) => SetAsync(true, ct);

    public Task OffAsync(CancellationToken ct) => SetAsync(false, ct);

    public Task CycleAsync(TimeSpan offTime, CancellationToken ct) => PowerSwitches.CycleByOffOnAsync(this, offTime, ct);

    /// <summary>Reads the line back; what the chip reports (latch or pad) depends on its driver.</summary>
    public Task<PowerState> GetStateAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(_line.Get() ? PowerState.On : PowerState.Off);
        }
        catch (IOException e)
        {
            throw new RigFaultException(e.Message, e);
        }
    }

    /// <summary>Drives the line to the safe state, then releases it.</summary>
    /// <exception cref="RigFaultException">The safe state could not be set; the line is released anyway.</exception>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            _line.Set(SafeState == PowerState.On);
        }
        catch (IOException e)
        {
            throw new RigFaultException($"{e.Message}; the relay may not be in its safe state ({SafeState})", e);
        }
        finally
        {
            _line.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private Task SetAsync(bool on, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            _line.Set(on);
        }
        catch (IOException e)
        {
            throw new RigFaultException(e.Message, e);
        }

        return Task.CompletedTask;
    }
}
