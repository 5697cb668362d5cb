using Rig.Cli.Composition;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Protocols;

namespace Rig.Tests.Meter;

/// <summary>A slot's <c>meter:</c> in a bench file: read into settings, and every value the chip could not use refused at its file:line:col.</summary>
public class MeterBenchTests
{
    private readonly TempDir _dir = new();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>A bench whose slot's meter is <paramref name="meter"/> (line 6 of the file).</summary>
    private BenchConfig Load(string meter, string backend = "command, on: 'true', off: 'true'") =>
        BenchLoader.Load(_dir.Write("bench.yaml", $$"""
            bench: b
            slots:
              s1:
                power: { backend: {{backend}} }
                console: { path: tty-s1 }
                meter: { {{meter}} }
            """), _dir.Path, DriverFactory.Bench, "bench.yaml");

    [Test]
    public void AMeterIsReadWithItsDefaults()
    {
        MeterSettings m = Load("chip: ina219, bus: /dev/i2c-1, address: 0x41, shunt: 0.1").Slot("s1").Meter!;
        Assert.That(m, Is.EqualTo(new MeterSettings(MeterChip.Ina219, "/dev/i2c-1", 0x41, 0.1, 3.2, 10)));
        Assert.That(m.Describe, Is.EqualTo("ina219 at 0x41 on /dev/i2c-1, shunt 0.1 ohm"));

        MeterSettings n = Load("chip: ina236, bus: /dev/i2c-3, address: 68, shunt: 0.008, max_current: 4, rate: 50").Slot("s1").Meter!;
        Assert.That(n, Is.EqualTo(new MeterSettings(MeterChip.Ina236, "/dev/i2c-3", 0x44, 0.008, 4, 50)));
    }

    [Test]
    public void ASlotWithoutAMeterHasNone() =>
        Assert.That(BenchLoader.Load(_dir.Write("plain.yaml", """
            bench: b
            slots:
              s1:
                power: { backend: command, on: 'true', off: 'true' }
                console: { path: tty-s1 }
            """), _dir.Path, DriverFactory.Bench, "plain.yaml").Slot("s1").OpenMeter(), Is.Null);

    // <paramref name="at"/>: the text the error points at ("{" for the mapping itself).
    [TestCase("chip: ina226, bus: /dev/i2c-1, address: 0x40, shunt: 0.1", "ina226", "unknown meter chip 'ina226' (expected ina219 or ina236)")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x50, shunt: 0.1", "0x50", "address must be an I2C address of the ina219 from 0x40 to 0x4f, not '0x50'")]
    [TestCase("chip: ina236, bus: /dev/i2c-1, address: 0x48, shunt: 0.1", "0x48", "from 0x40 to 0x47, not '0x48'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x3f, shunt: 0.1", "0x3f", "not '0x3f'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: banana, shunt: 0.1", "banana", "not 'banana'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: 0", "shunt: 0", "shunt must be above 0 ohm")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: -0.1", "-0.1", "'shunt' must be a number from 0 to 1000, not '-0.1'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: NaN", "NaN", "'shunt' must be a number from 0 to 1000, not 'NaN'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: .nan", ".nan", "not '.nan'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: 0.1, max_current: 5", "5", "max_current must be above 0 A and at most 3.2 A: the ina219 reads at most 0.32 V across a 0.1 ohm shunt")]
    [TestCase("chip: ina236, bus: /dev/i2c-1, address: 0x40, shunt: 0.001, max_current: 0.5", "0.5", "the ina236 cannot be calibrated below")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: 0.1, rate: 1000", "1000", "'rate' must be a number from 1 to 100, not '1000'")]
    [TestCase("chip: ina219, bus: /dev/spidev0.0, address: 0x40, shunt: 0.1", "/dev/spidev0.0", "bus must be an I2C device like /dev/i2c-1 (or sim on a virtual bench), not '/dev/spidev0.0'")]
    [TestCase("chip: ina219, bus: sim, address: 0x40, shunt: 0.1", "sim", "a simulated meter ('bus: sim') measures a virtual device: the slot's power needs 'backend: sim'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40, shunt: 0.1, gain: 8", "gain", "unknown key 'gain'")]
    [TestCase("chip: ina219, bus: /dev/i2c-1, address: 0x40", "{", "missing required key 'shunt'")]
    public void ABadMeterValueIsRefusedAtItsPosition(string meter, string at, string message)
    {
        // "    meter: { " puts the mapping's first key at column 14; the mapping itself starts at 12.
        int column = at == "{" ? 12 : 14 + (at.StartsWith("shunt: ", StringComparison.Ordinal) ? meter.IndexOf(at, StringComparison.Ordinal) + 7 : meter.LastIndexOf(at, StringComparison.Ordinal));
        var e = Assert.Throws<ConfigException>(() => Load(meter));
        Assert.That(e!.Message, Does.StartWith($"bench.yaml:6:{column}: ").And.Contain(message));
    }
}
