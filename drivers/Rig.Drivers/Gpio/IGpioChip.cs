namespace Rig.Drivers.Gpio;

/// <summary>A GPIO controller that hands out output lines: the Linux character device, or a fake for benches without one.</summary>
/// <remarks>
/// Lines outlive the chip handle: disposing the chip does not release lines it handed out,
/// as with the kernel, where closing the chip fd leaves existing requests in place.
/// </remarks>
public interface IGpioChip : IDisposable
{
    /// <summary>The kernel name, e.g. gpiochip0.</summary>
    string Name { get; }

    /// <summary>The functional name that survives renumbering, e.g. pinctrl-bcm2711 or pinctrl-rp1.</summary>
    string Label { get; }

    /// <summary>How many lines the chip has; valid offsets are 0 to LineCount - 1.</summary>
    uint LineCount { get; }

    /// <summary>Requests one line as an output that starts at <paramref name="initialActive"/>, with no glitch.</summary>
    /// <param name="offset">The line offset on this chip (the BCM GPIO number on a Pi).</param>
    /// <param name="activeLow">Active means driven low: values given and read are logical.</param>
    /// <param name="initialActive">The logical level the line takes as it becomes an output.</param>
    /// <param name="consumer">Who holds the line, as other programs see it (at most 31 bytes are kept).</param>
    /// <exception cref="IOException">The line is out of range, busy (the message names its holder), or not accessible.</exception>
    IGpioOutputLine RequestOutput(uint offset, bool activeLow, bool initialActive, string consumer);
}

/// <summary>One requested output line, held until disposed.</summary>
public interface IGpioOutputLine : IDisposable
{
    /// <summary>E.g. "gpiochip0 [pinctrl-bcm2711] line 17"; used in error messages.</summary>
    string Describe { get; }

    uint Offset { get; }

    bool ActiveLow { get; }

    /// <summary>Drives the line to a logical level (true = active).</summary>
    /// <exception cref="IOException">The chip refused or is gone.</exception>
    void Set(bool active);

    /// <summary>Reads the logical level back (the output latch or the pad, depending on the chip driver).</summary>
    bool Get();
}
