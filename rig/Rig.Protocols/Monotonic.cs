using System.Diagnostics;

namespace Rig.Protocols;

/// <summary>The one clock every timestamp in a run comes from: monotonic, in nanoseconds.</summary>
/// <remarks>Wall-clock time jumps (NTP on a Pi without RTC); the journal anchors this clock to UTC once per run.</remarks>
public static class Monotonic
{
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNs => (long)(Stopwatch.GetTimestamp() * NsPerTick);
}
