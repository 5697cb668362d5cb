namespace Rig.Drivers.Meter;

/// <summary>
/// The INA219's calibration register and the current LSB it gives (datasheet §8.5.1): the finest
/// LSB that still reaches the bench's largest current, rounded so the register is a whole number.
/// (The INA236 binding computes its own from the shunt and the largest current.)
/// </summary>
public readonly record struct InaCalibration(ushort Register, double CurrentLsb)
{
    /// <param name="shuntOhms">The shunt, in ohms; above zero.</param>
    /// <param name="maxAmps">The largest current to resolve; above zero.</param>
    public static InaCalibration Ina219(double shuntOhms, double maxAmps)
    {
        if (!(shuntOhms > 0) || !(maxAmps > 0) || !double.IsFinite(shuntOhms) || !double.IsFinite(maxAmps))
        {
            throw new ArgumentOutOfRangeException(nameof(shuntOhms), "the shunt and the largest current must be finite and above zero");
        }

        // The register's bit 0 is fixed at 0: at most 0xFFFE. A tiny shunt × current would need more,
        // so the LSB grows instead (coarser, still right).
        double lsb = Math.Max(maxAmps / 32768, InaRegisters.Ina219CalScale / (0xFFFE * shuntOhms));
        int register = (int)(InaRegisters.Ina219CalScale / (lsb * shuntOhms)) & 0xFFFE;
        if (register == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAmps), $"{maxAmps} A through {shuntOhms} ohm is beyond what the INA219 can calibrate");
        }

        return new InaCalibration((ushort)register, InaRegisters.Ina219CalScale / (register * shuntOhms));
    }
}
