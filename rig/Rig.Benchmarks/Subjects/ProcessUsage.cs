using System.Runtime.InteropServices;

namespace Rig.Benchmarks.Subjects;

/// <summary>This process's CPU time (getrusage, microseconds) and peak resident memory (VmHWM), as every subject reports them.</summary>
internal static partial class ProcessUsage
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, out RUsage usage);

    /// <summary>User plus system CPU of the whole process, all threads, in microseconds.</summary>
    public static long CpuMicroseconds()
    {
        if (GetRUsage(0 /* RUSAGE_SELF */, out RUsage u) != 0)
        {
            return -1;
        }

        return (u.UtimeSec + u.StimeSec) * 1_000_000 + u.UtimeUsec + u.StimeUsec;
    }

    /// <summary>Peak resident set size in KiB, from /proc/self/status.</summary>
    public static long PeakResidentKiB()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
