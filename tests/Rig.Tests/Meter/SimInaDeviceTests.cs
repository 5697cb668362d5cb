using System.Buffers.Binary;
using Rig.Drivers.Meter;
using Rig.Protocols;

namespace Rig.Tests.Meter;

/// <summary>
/// The register-level INA219/INA236 against Iot.Device.Bindings: the binding configures and reads
/// it as it would a chip on a bus, and the readings come back within the chip's resolution.
/// </summary>
public class SimInaDeviceTests
{
    private static MeterSettings Settings(MeterChip chip, double shunt, double maxAmps) =>
        new(chip, MeterSettings.SimBus, 0x40, shunt, maxAmps, Rate: 10);

    private static (InaPowerMeter Meter, SimInaDevice Chip) Open(MeterChip chip, double shunt, double maxAmps, Func<PowerReading> load)
    {
        var device = new SimInaDevice(chip, 0x40, shunt, load);
        return (new InaPowerMeter(Settings(chip, shunt, maxAmps), device), device);
    }

    [Test]
    public void Ina219CalibrationIsTheDatasheetsEquation()
    {
        // Current_LSB = 3.2 A / 2^15; Cal = trunc(0.04096 / (Current_LSB × 0.1 ohm)) = 4194.
        InaCalibration cal = InaCalibration.Ina219(0.1, 3.2);
        Assert.That(cal.Register, Is.EqualTo(4194));
        Assert.That(cal.CurrentLsb, Is.EqualTo(0.04096 / (4194 * 0.1)).Within(1e-12));

        (InaPowerMeter meter, SimInaDevice chip) = Open(MeterChip.Ina219, 0.1, 3.2, () => new PowerReading(0, 5));
        using (meter)
        {
            Assert.That(chip.Register(InaRegisters.Calibration), Is.EqualTo(4194), "the binding wrote the calibration to the chip");
            Assert.That(chip.Writes[0], Is.EqualTo((InaRegisters.Configuration, InaRegisters.Reset)), "the chip is reset before it is configured");
        }
    }

    [Test]
    public void ATinyShuntTimesCurrentCoarsensTheLsbInsteadOfOverflowingTheRegister()
    {
        InaCalibration cal = InaCalibration.Ina219(0.001, 0.5); // 0.5 mV full scale: the finest LSB would need a register above 0xFFFE
        Assert.That(cal.Register, Is.LessThanOrEqualTo(0xFFFE).And.GreaterThan(0));
        Assert.That(cal.Register % 2, Is.Zero, "bit 0 of the INA219's calibration register is fixed at 0");
        Assert.That(cal.CurrentLsb, Is.GreaterThan(0.5 / 32768));
    }

    [TestCase(MeterChip.Ina219, 0.1, 3.2, 150.0)]
    [TestCase(MeterChip.Ina219, 0.1, 0.4, 37.5)]
    [TestCase(MeterChip.Ina236, 0.008, 10.24, 1234.0)]
    [TestCase(MeterChip.Ina236, 0.1, 0.8, 3.3)]
    public void CurrentReadsBackWithinOneLsbOfWhatFlows(MeterChip chip, double shunt, double maxAmps, double milliamps)
    {
        (InaPowerMeter meter, _) = Open(chip, shunt, maxAmps, () => new PowerReading(milliamps, 5));
        using (meter)
        {
            // One current LSB, plus one shunt-ADC step seen through the shunt.
            double lsbMa = maxAmps / 32768 * 1000 * 2;
            double adcMa = (chip == MeterChip.Ina219 ? InaRegisters.Ina219ShuntLsb : InaRegisters.Ina236ShuntLsb) / shunt * 1000;
            Assert.That(meter.Read().Milliamps, Is.EqualTo(milliamps).Within(lsbMa + adcMa));
        }
    }

    [TestCase(MeterChip.Ina219, 5.0, 5.0)]
    [TestCase(MeterChip.Ina219, 12.345, 12.344)] // 4 mV steps
    [TestCase(MeterChip.Ina236, 5.0, 5.0)]
    [TestCase(MeterChip.Ina236, 3.3, 3.2992)] // 1.6 mV steps
    public void BusVoltageHasTheChipsLsb(MeterChip chip, double volts, double expected)
    {
        (InaPowerMeter meter, _) = Open(chip, 0.1, 0.5, () => new PowerReading(100, volts));
        using (meter)
        {
            Assert.That(meter.Read().BusVolts, Is.EqualTo(expected).Within(1e-9));
        }
    }

    [Test]
    public void TheBusVoltageRegisterIsBigEndianWithConversionReadyFlag()
    {
        var chip = new SimInaDevice(MeterChip.Ina219, 0x40, 0.1, () => new PowerReading(0, 5));
        Span<byte> raw = stackalloc byte[2];
        chip.WriteRead([InaRegisters.BusVoltage], raw);
        ushort value = BinaryPrimitives.ReadUInt16BigEndian(raw);
        Assert.That(value >> 3, Is.EqualTo(1250), "5 V in 4 mV steps, in bits 15..3");
        Assert.That(value & 0b10, Is.EqualTo(0b10), "CNVR: a conversion is ready");
        Assert.That(raw[0], Is.EqualTo((byte)(value >> 8)), "most significant byte first");
    }

    [Test]
    public void ADeviceThatBootsThenBricksReadsItsDrawThenNothing()
    {
        bool on = false;
        var load = new BootLoad(() => on);
        (InaPowerMeter meter, _) = Open(MeterChip.Ina219, 0.1, 1, load.Now);
        using (meter)
        {
            Assert.That(meter.Read(), Is.EqualTo(new PowerReading(0, 0)), "the relay is off: no current, no bus voltage");
            on = true;
            Assert.That(meter.Read().Milliamps, Is.EqualTo(BootLoad.InrushMilliamps).Within(1), "power on: the inrush");
            load.Bricked = true;
            PowerReading bricked = meter.Read();
            Assert.That(bricked.Milliamps, Is.EqualTo(0).Within(0.1), "a bricked device draws nothing");
            Assert.That(bricked.BusVolts, Is.EqualTo(BootLoad.SupplyVolts).Within(0.004), "though its supply is there");
        }
    }

    [Test]
    public void AResetClearsTheCalibrationAndCurrentReadsZeroUntilItIsWritten()
    {
        var chip = new SimInaDevice(MeterChip.Ina219, 0x40, 0.1, () => new PowerReading(500, 5));
        chip.Write([InaRegisters.Calibration, 0x10, 0x00]);
        chip.Write([InaRegisters.Configuration, 0x80, 0x00]);
        Assert.That(chip.Register(InaRegisters.Calibration), Is.Zero);
        Assert.That(chip.Register(InaRegisters.Configuration), Is.EqualTo(InaRegisters.Ina219Default));
        Span<byte> raw = stackalloc byte[2];
        chip.WriteRead([InaRegisters.Current], raw);
        Assert.That(BinaryPrimitives.ReadInt16BigEndian(raw), Is.Zero, "the datasheet: current and power stay 0 until the calibration is set");
        chip.WriteRead([InaRegisters.ShuntVoltage], raw);
        Assert.That(BinaryPrimitives.ReadInt16BigEndian(raw), Is.EqualTo(5000), "50 mV in 10 µV steps, calibrated or not");
    }

    [Test]
    public void AnIna236DeclaredWhereAnIna219SitsIsRefused()
    {
        var device = new SimInaDevice(MeterChip.Ina219, 0x40, 0.1, () => new PowerReading(0, 5));
        var e = Assert.Throws<RigFaultException>(() => new InaPowerMeter(Settings(MeterChip.Ina236, 0.1, 0.8), device));
        Assert.That(e!.Message, Does.Contain("ina236").And.Contain("INA236"));
    }
}
