using System.Text.Json;
using F = Rig.Engine.Journal.JournalField;
using K = Rig.Engine.Journal.JournalKind;

namespace Rig.Engine.Journal;

/// <summary>
/// One reading of the slot's power meter: the current the device drew (mA) and its supply voltage
/// (V), at <see cref="JournalEvent.MonoNs"/>. The raw samples stay in the journal; the report plots them.
/// </summary>
public sealed record PowerSampleEvent(string Slot, double Milliamps, double BusVolts) : JournalEvent
{
    internal override JsonEncodedText Ev => K.PowerSample;

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString(F.Slot, Slot);
        w.WriteNumber(F.Milliamps, Math.Round(Milliamps, 3)); // µA: finer than any INA LSB a bench uses
        w.WriteNumber(F.BusVolts, Math.Round(BusVolts, 4));
    }

    /// <summary>A line without a number reads as NaN: a reader leaves it out rather than drawing a zero.</summary>
    internal static PowerSampleEvent Read(JsonElement e) =>
        new(e.Str(F.Slot) ?? "", e.DoubleOrNull(F.Milliamps) ?? double.NaN, e.DoubleOrNull(F.BusVolts) ?? double.NaN);
}
