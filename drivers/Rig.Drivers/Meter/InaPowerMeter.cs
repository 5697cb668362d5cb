using System.Device.I2c;
using System.Globalization;
using Iot.Device.Adc;
using Rig.Protocols;
using UnitsNet;

namespace Rig.Drivers.Meter;

/// <summary>
/// A slot's power meter: an INA219 or INA236 read through Iot.Device.Bindings over an I2C device
/// (the kernel's /dev/i2c-N, or a <see cref="SimInaDevice"/>). Opening it resets the chip and
/// writes its calibration from the bench's shunt and largest current.
/// </summary>
public sealed class InaPowerMeter : IPowerMeter
{
    private readonly I2cDevice _device;
    private readonly Ina219? _ina219;
    private readonly Ina236? _ina236;

    /// <summary>Opens the meter on the device the settings name: /dev/i2c-N at the chip's address.</summary>
    /// <exception cref="RigFaultException">The bus cannot be opened or the chip does not answer as it should.</exception>
    public static InaPowerMeter Open(MeterSettings settings)
    {
        string digits = settings.Bus.StartsWith(MeterSettings.DevicePrefix, StringComparison.Ordinal) ? settings.Bus[MeterSettings.DevicePrefix.Length..] : string.Empty;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int busId))
        {
            throw new ArgumentException($"power meter: '{settings.Bus}' is not an I2C bus (expected {MeterSettings.DevicePrefix}N)", nameof(settings));
        }

        I2cDevice device;
        try
        {
            device = I2cDevice.Create(new I2cConnectionSettings(busId, settings.Address));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            throw new RigFaultException($"power meter {settings.Describe}: cannot open the bus: {e.Message}", e);
        }

        return new InaPowerMeter(settings, device);
    }

    /// <summary>The meter on <paramref name="device"/>, which it owns from here on.</summary>
    /// <exception cref="RigFaultException">The chip did not answer, or answered as another chip.</exception>
    public InaPowerMeter(MeterSettings settings, I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _device = device;
        Describe = settings.Describe;
        try
        {
            if (settings.Chip == MeterChip.Ina219)
            {
                _ina219 = new Ina219(device);
                _ina219.Reset();
                _ina219.PgaSensitivity = Pga(settings.ShuntOhms * settings.MaxAmps);
                InaCalibration cal = InaCalibration.Ina219(settings.ShuntOhms, settings.MaxAmps);
                _ina219.SetCalibration(cal.Register, (float)cal.CurrentLsb);
            }
            else
            {
                // The binding resets the chip, checks its device id and writes the calibration.
                _ina236 = new Ina236(device, ElectricResistance.FromOhms(settings.ShuntOhms), ElectricCurrent.FromAmperes(settings.MaxAmps));
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            device.Dispose();
            throw new RigFaultException($"power meter {Describe}: {e.Message}", e);
        }
    }

    public string Describe { get; }

    public PowerReading Read() =>
        _ina219 is { } a
            ? new PowerReading(a.ReadCurrent().Milliamperes, a.ReadBusVoltage().Volts)
            : new PowerReading(_ina236!.ReadCurrent().Milliamperes, _ina236.ReadBusVoltage().Volts);

    public void Dispose()
    {
        _ina219?.Dispose();
        _ina236?.Dispose(); // disposes the device itself
        _device.Dispose();
    }

    /// <summary>The INA219's smallest shunt range that holds the largest expected shunt voltage.</summary>
    private static Ina219PgaSensitivity Pga(double volts) => volts switch
    {
        <= 0.04 => Ina219PgaSensitivity.PlusOrMinus40mv,
        <= 0.08 => Ina219PgaSensitivity.PlusOrMinus80mv,
        <= 0.16 => Ina219PgaSensitivity.PlusOrMinus160mv,
        _ => Ina219PgaSensitivity.PlusOrMinus320mv,
    };
}
