using Rig.Protocols;

namespace Rig.Drivers.Meter;

/// <summary>
/// What a simulated device draws, for a <see cref="SimInaDevice"/>: nothing while its power is off;
/// once on, an inrush, a boot at high current, then a steady draw with a little ripple. A bricked
/// device draws nothing even when powered. Time runs from the moment the meter first sees power.
/// </summary>
/// <param name="powered">Whether the bench's relay feeds the device now.</param>
public sealed class BootLoad(Func<bool> powered)
{
    public const double InrushMilliamps = 420, BootMilliamps = 260, SteadyMilliamps = 180, SupplyVolts = 5.0;

    /// <summary>How long the inrush and the boot last after power comes on.</summary>
    public static readonly TimeSpan Inrush = TimeSpan.FromMilliseconds(200), Boot = TimeSpan.FromSeconds(2);

    /// <summary>The supply's resistance: the bus voltage sags as the device draws.</summary>
    private const double SupplyOhms = 0.2;

    private long _onSinceNs = -1;

    /// <summary>A device that does not start (no bootable image, a dead regulator): it draws nothing.</summary>
    public bool Bricked { get; set; }

    /// <summary>The device's draw now; the bus is at the supply's voltage whenever power is on.</summary>
    public PowerReading Now()
    {
        long now = Monotonic.NowNs;
        if (!powered())
        {
            Interlocked.Exchange(ref _onSinceNs, -1);
            return new PowerReading(0, 0);
        }

        Interlocked.CompareExchange(ref _onSinceNs, now, -1);
        if (Bricked)
        {
            return new PowerReading(0, SupplyVolts);
        }

        double since = (now - Interlocked.Read(ref _onSinceNs)) / 1e9;
        double ma = since < Inrush.TotalSeconds ? InrushMilliamps
            : since < Boot.TotalSeconds ? BootMilliamps
            : SteadyMilliamps + 8 * Math.Sin(since * 2 * Math.PI / 1.5); // a steady device still pulses (its radio, its CPU)
        return new PowerReading(ma, SupplyVolts - ma / 1000 * SupplyOhms);
    }
}
