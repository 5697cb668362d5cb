namespace Rig.Drivers.Meter;

/// <summary>The INA219's and INA236's register numbers and fixed values, from their datasheets (TI SBOS448, SBOSA20).</summary>
internal static class InaRegisters
{
    public const byte Configuration = 0x00;
    public const byte ShuntVoltage = 0x01;
    public const byte BusVoltage = 0x02;
    public const byte Power = 0x03;
    public const byte Current = 0x04;
    public const byte Calibration = 0x05;

    /// <summary>INA236 only: mask/enable and alert limit.</summary>
    public const byte MaskEnable = 0x06;
    public const byte AlertLimit = 0x07;

    /// <summary>INA236 only: "TI" and the device id the binding checks after a reset.</summary>
    public const byte ManufacturerId = 0x3E;
    public const byte DeviceId = 0x3F;
    public const ushort TexasInstruments = 0x5449;
    public const ushort Ina236Id = 0xA080;

    /// <summary>Bit 15 of the configuration register resets every register to its default.</summary>
    public const ushort Reset = 0x8000;

    /// <summary>Power-on configuration: INA219 32 V bus, ±320 mV shunt, 12-bit, continuous; INA236 the same modes at its own encoding.</summary>
    public const ushort Ina219Default = 0x399F;
    public const ushort Ina236Default = 0x4127;

    /// <summary>Shunt-voltage LSB: INA219 10 µV; INA236 2.5 µV (ADCRANGE 0) or 625 nV (ADCRANGE 1, configuration bit 12).</summary>
    public const double Ina219ShuntLsb = 10e-6;
    public const double Ina236ShuntLsb = 2.5e-6;
    public const double Ina236FineShuntLsb = 625e-9;

    /// <summary>Bus-voltage LSB: INA219 4 mV (in bits 15..3), INA236 1.6 mV.</summary>
    public const double Ina219BusLsb = 4e-3;
    public const double Ina236BusLsb = 1.6e-3;

    /// <summary>The calibration equations' constants: Current = Shunt × CAL / 4096 (INA219) or / 2048 (INA236).</summary>
    public const double Ina219CalScale = 0.04096;
    public const double Ina236CalScale = 0.00512;
}
