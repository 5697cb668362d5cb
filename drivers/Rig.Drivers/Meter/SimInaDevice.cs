using System.Buffers.Binary;
using System.Device.I2c;
using Rig.Protocols;
using R = Rig.Drivers.Meter.InaRegisters;

namespace Rig.Drivers.Meter;

/// <summary>
/// An INA219 or INA236 on a simulated I2C bus, at register level: what the binding writes and
/// reads goes through the chip's own register map (big-endian 16-bit registers behind a register
/// pointer), and each measurement register is converted from what flows through the shunt at that
/// moment, with the chip's LSBs, ranges and calibration arithmetic. For benches without a bus (the
/// virtual bench) and for testing the meter path; it is the bench's board, never a verdict input.
/// </summary>
public sealed class SimInaDevice : I2cDevice
{
    private readonly Lock _lock = new();
    private readonly MeterChip _chip;
    private readonly double _shuntOhms;
    private readonly Func<PowerReading> _load;
    private readonly ushort[] _registers = new ushort[256];
    private byte _pointer;

    /// <param name="load">What flows through the shunt now: the current the device draws and its bus voltage.</param>
    public SimInaDevice(MeterChip chip, int address, double shuntOhms, Func<PowerReading> load)
    {
        _chip = chip;
        _shuntOhms = shuntOhms;
        _load = load;
        ConnectionSettings = new I2cConnectionSettings(0, address);
        ResetRegisters();
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Register writes, in order (register, value): what the binding configured.</summary>
    public IReadOnlyList<(byte Register, ushort Value)> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    private readonly List<(byte, ushort)> _writes = [];

    /// <summary>A register as the chip holds it now (the calibration the binding wrote, say).</summary>
    public ushort Register(byte register)
    {
        lock (_lock)
        {
            return _registers[register];
        }
    }

    /// <summary>One byte sets the register pointer; three set the pointer and write the register (MSB first).</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length is not (1 or 3))
        {
            throw new IOException($"simulated {_chip}: a write is a register pointer (1 byte) or a pointer and a value (3 bytes), not {buffer.Length} bytes");
        }

        lock (_lock)
        {
            _pointer = buffer[0];
            if (buffer.Length == 3)
            {
                WriteRegister(_pointer, BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]));
            }
        }
    }

    /// <summary>Reads the register the pointer names, MSB first; a measurement register holds a fresh conversion.</summary>
    public override void Read(Span<byte> buffer)
    {
        lock (_lock)
        {
            if (_pointer is R.ShuntVoltage or R.BusVoltage or R.Power or R.Current)
            {
                Convert();
            }

            Span<byte> value = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(value, _registers[_pointer]);
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = value[i % 2];
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void WriteRegister(byte register, ushort value)
    {
        _writes.Add((register, value));
        switch (register)
        {
            case R.Configuration when (value & R.Reset) != 0:
                ResetRegisters();
                break;
            case R.Configuration:
            case R.MaskEnable or R.AlertLimit when _chip == MeterChip.Ina236:
                _registers[register] = value;
                break;
            case R.Calibration:
                // INA219: bit 0 is fixed at 0. INA236: bit 15 is reserved.
                _registers[register] = _chip == MeterChip.Ina219 ? (ushort)(value & 0xFFFE) : (ushort)(value & 0x7FFF);
                break;
            default:
                break; // read-only: the chip ignores the write
        }
    }

    private void ResetRegisters()
    {
        Array.Clear(_registers);
        _registers[R.Configuration] = _chip == MeterChip.Ina219 ? R.Ina219Default : R.Ina236Default;
        if (_chip == MeterChip.Ina236)
        {
            _registers[R.ManufacturerId] = R.TexasInstruments;
            _registers[R.DeviceId] = R.Ina236Id;
        }
    }

    /// <summary>One conversion of shunt and bus voltage, and the current and power the calibration makes of them.</summary>
    private void Convert()
    {
        ushort config = _registers[R.Configuration];
        if ((config & 0b11) == 0)
        {
            return; // power-down, or a mode converting neither: the registers keep their last values
        }

        PowerReading now = _load();
        double shuntVolts = now.Milliamps / 1000 * _shuntOhms;
        int cal = _registers[R.Calibration];
        if (_chip == MeterChip.Ina219)
        {
            int pgaRange = 4000 << ((config >> 11) & 0b11); // ±40 mV × 1, 2, 4, 8 in 10 µV steps
            int shunt = Clamp(shuntVolts / R.Ina219ShuntLsb, -pgaRange, pgaRange);
            int busFull = (config & 0x2000) != 0 ? 8000 : 4000; // 32 V or 16 V in 4 mV steps
            int bus = Clamp(now.BusVolts / R.Ina219BusLsb, 0, busFull);
            long current = (long)shunt * cal / 4096;
            long power = Math.Abs(current) * bus / 5000;
            bool overflow = current is > short.MaxValue or < short.MinValue || power > ushort.MaxValue;
            _registers[R.ShuntVoltage] = (ushort)(short)shunt;
            _registers[R.BusVoltage] = (ushort)((bus << 3) | 0b10 | (overflow ? 1 : 0)); // CNVR: a conversion is ready
            _registers[R.Current] = (ushort)(short)Math.Clamp(current, short.MinValue, short.MaxValue);
            _registers[R.Power] = (ushort)Math.Clamp(power, 0, ushort.MaxValue);
        }
        else
        {
            bool fine = (config & 0x1000) != 0; // ADCRANGE 1: ±20.48 mV at 625 nV
            int shunt = Clamp(shuntVolts / (fine ? R.Ina236FineShuntLsb : R.Ina236ShuntLsb), short.MinValue + 1, short.MaxValue);
            int bus = Clamp(now.BusVolts / R.Ina236BusLsb, 0, 0x7FFF);
            long current = (long)shunt * cal / 2048; // at ADCRANGE 1 the lab's CAL is a quarter: the same current
            long power = Math.Abs(current) * bus / 20000;
            _registers[R.ShuntVoltage] = (ushort)(short)shunt;
            _registers[R.BusVoltage] = (ushort)bus;
            _registers[R.Current] = (ushort)(short)Math.Clamp(current, short.MinValue, short.MaxValue);
            _registers[R.Power] = (ushort)Math.Clamp(power, 0, ushort.MaxValue);
        }
    }

    private static int Clamp(double value, int min, int max) =>
        double.IsFinite(value) ? (int)Math.Clamp(Math.Round(value), min, max) : 0;
}
