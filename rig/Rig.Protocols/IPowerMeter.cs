namespace Rig.Protocols;

/// <summary>
/// What a run asks of a slot's power meter: the current the device draws and the bus voltage it
/// gets, one reading at a time. A reading is synchronous (an I2C transfer of a few bytes).
/// </summary>
/// <remarks>Backends live in drivers/ (INA219, INA236 over I2C; their simulated twin for the virtual bench).</remarks>
public interface IPowerMeter : IDisposable
{
    /// <summary>Human-readable identity for journals and errors, e.g. "ina219 at 0x40 on /dev/i2c-1".</summary>
    string Describe { get; }

    /// <summary>One conversion's result.</summary>
    /// <exception cref="IOException">The bus did not answer (the meter is unplugged or the address is wrong).</exception>
    PowerReading Read();
}

/// <summary>One reading of a power meter.</summary>
/// <param name="Milliamps">Current into the device, in mA (negative if it flows back).</param>
/// <param name="BusVolts">Voltage at the device's supply side of the shunt, in V.</param>
public readonly record struct PowerReading(double Milliamps, double BusVolts);
