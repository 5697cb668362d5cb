using System.Globalization;

namespace Rig.Benchmarks.Harness;

/// <summary>What /proc tells about a process the suite did not start itself (rig's supervisor): its children, peak memory and CPU so far.</summary>
internal static class ProcessTree
{
    /// <summary>Clock ticks per second of /proc/PID/stat's CPU fields (USER_HZ, 100 on every Linux rig runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The pids whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> Children(int parent)
    {
        var children = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Stat(pid) is { } stat
                && int.Parse(stat[1], CultureInfo.InvariantCulture) == parent)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>Peak resident memory (VmHWM) in KiB, or 0 once the process is gone.</summary>
    public static long PeakKiB(int pid) => Status(pid, "VmHWM:");

    /// <summary>Resident memory now (VmRSS) in KiB, or 0 once the process is gone.</summary>
    public static long ResidentKiB(int pid) => Status(pid, "VmRSS:");

    private static long Status(int pid, string field)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>User plus system CPU seconds so far, or 0 once the process is gone.</summary>
    public static double CpuSeconds(int pid) =>
        Stat(pid) is { } stat ? (long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture)) / TicksPerSecond : 0;

    /// <summary>The fields of /proc/PID/stat after the command name (which may hold spaces): [0] state, [1] ppid, ... [11] utime, [12] stime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
