using System.Globalization;
using Rig.Engine.Config;
using Rig.Protocols;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Bench;

/// <summary>
/// Reads a slot's <c>meter:</c> mapping: <c>{ chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: 0.1, max_current: 3.2, rate: 10 }</c>.
/// Every value the chip could not work with is refused here, at its file:line:col, before anything is opened.
/// </summary>
internal static class MeterReader
{
    /// <summary>Readings per second: enough for a boot's shape, few enough that the journal stays small.</summary>
    public const double MinRate = 1, MaxRate = 100, DefaultRate = 10;

    /// <summary>The INA236's calibration register holds at most 0x7FFF: below this shunt voltage at full current it overflows.</summary>
    private const double Ina236MinFullScaleVolts = 0.00512 * 2 / 32768 * 0x7FFF;

    public static MeterSettings Read(YamlMap meter, bool simulatedPower)
    {
        meter.AllowOnly("chip", "bus", "address", "shunt", "max_current", "rate");
        string chipName = meter.RequireString("chip");
        MeterChip chip = chipName switch
        {
            "ina219" => MeterChip.Ina219,
            "ina236" => MeterChip.Ina236,
            _ => throw meter.Error(meter.Get("chip")!, $"unknown meter chip '{chipName}' (expected ina219 or ina236)"),
        };

        string bus = meter.RequireString("bus");
        if (bus == MeterSettings.SimBus ? !simulatedPower : !IsI2cBus(bus))
        {
            throw meter.Error(meter.Get("bus")!, bus == MeterSettings.SimBus
                ? "a simulated meter ('bus: sim') measures a virtual device: the slot's power needs 'backend: sim'"
                : $"bus must be an I2C device like {MeterSettings.DevicePrefix}1 (or sim on a virtual bench), not '{bus}'");
        }

        int address = Address(meter, chip);
        double shunt = meter.OptDouble("shunt", 0, 1000) ?? throw meter.Error("missing required key 'shunt' (the shunt resistor, in ohms)");
        if (shunt <= 0)
        {
            throw meter.Error(meter.Get("shunt")!, "shunt must be above 0 ohm: no current is measured across a wire");
        }

        var settings = new MeterSettings(chip, bus, address, shunt, 0, meter.OptDouble("rate", MinRate, MaxRate) ?? DefaultRate);
        double full = Math.Round(settings.ShuntRangeVolts / shunt, 9); // 0.32 / 0.1 is 3.2, not 3.1999999999999997
        double maxAmps = meter.OptDouble("max_current", 0, 1000) ?? full;
        YamlNode at = meter.Get("max_current") ?? meter.Get("shunt")!;
        if (maxAmps <= 0 || maxAmps > full * (1 + 1e-9))
        {
            throw meter.Error(at, $"max_current must be above 0 A and at most {A(full)} A: the {chipName} reads at most {V(settings.ShuntRangeVolts)} V across a {A(shunt)} ohm shunt");
        }

        if (chip == MeterChip.Ina236 && maxAmps * shunt < Ina236MinFullScaleVolts)
        {
            throw meter.Error(at, $"max_current × shunt is {V(maxAmps * shunt)} V; the ina236 cannot be calibrated below {V(Ina236MinFullScaleVolts)} V (a larger shunt or current)");
        }

        return settings with { MaxAmps = maxAmps };
    }

    private static bool IsI2cBus(string bus) =>
        bus.StartsWith(MeterSettings.DevicePrefix, StringComparison.Ordinal)
        && int.TryParse(bus.AsSpan(MeterSettings.DevicePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n < 1000;

    /// <summary>0x40 or 64; the chip's ADDR pins choose among 0x40–0x4F (INA219) or 0x40–0x47 (INA236).</summary>
    private static int Address(YamlMap meter, MeterChip chip)
    {
        string text = meter.RequireString("address");
        bool parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        int last = chip == MeterChip.Ina219 ? 0x4F : 0x47;
        if (!parsed || value < 0x40 || value > last)
        {
            throw meter.Error(meter.Get("address")!, $"address must be an I2C address of the {chip.ToString().ToLowerInvariant()} from 0x40 to 0x{last:x2}, not '{text}'");
        }

        return value;
    }

    private static string A(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string V(double v) => v.ToString("0.#####", CultureInfo.InvariantCulture);
}
