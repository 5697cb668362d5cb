namespace Rig.Protocols;

/// <summary>The current-sense chips a bench may name.</summary>
public enum MeterChip
{
    Ina219,
    Ina236,
}

/// <summary>How a slot's power meter is reached and calibrated, as a bench file declares it.</summary>
/// <param name="Bus">The I2C bus: a device node (/dev/i2c-1), or <see cref="SimBus"/> for the virtual bench's simulated meter.</param>
/// <param name="Address">The chip's 7-bit I2C address (set by its ADDR pins).</param>
/// <param name="ShuntOhms">The shunt resistor the current flows through, in ohms.</param>
/// <param name="MaxAmps">The largest current to resolve: it sets the calibration, and with it the current's LSB.</param>
/// <param name="Rate">Readings per second during a run.</param>
public sealed record MeterSettings(MeterChip Chip, string Bus, int Address, double ShuntOhms, double MaxAmps, double Rate)
{
    /// <summary>The bus name of the simulated meter that follows a virtual device's power.</summary>
    public const string SimBus = "sim";

    /// <summary>Linux names its I2C buses /dev/i2c-N.</summary>
    public const string DevicePrefix = "/dev/i2c-";

    /// <summary>The chip's full-scale shunt voltage: INA219 ±320 mV (its widest range), INA236 ±81.92 mV.</summary>
    public double ShuntRangeVolts => Chip == MeterChip.Ina219 ? 0.32 : 0.08192;

    public string Describe => $"{Chip.ToString().ToLowerInvariant()} at 0x{Address:x2} on {Bus}, shunt {ShuntOhms.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} ohm";
}
