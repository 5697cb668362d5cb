using System.Globalization;
using System.Text;
using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Drivers.Power;

/// <summary>
/// Finds a running virtual device from its state folder alone, so any rig process can switch it:
/// a pid file, checked against /proc so that a pid reused by another program is never taken
/// for the device.
/// </summary>
public static class VirtualDeviceProcess
{
    public const string PidFileName = "vdev.pid";

    private const int SIGKILL = 9;
    private const int ESRCH = 3;

    /// <summary>The pid of the device running on <paramref name="stateDir"/>, or null when none is.</summary>
    public static int? FindRunning(string stateDir)
    {
        string dir = Path.GetFullPath(stateDir);
        return ReadPid(dir) is int pid && IsDevice(pid, dir) ? pid : null;
    }

    /// <summary>The pid in the pid file, whatever runs under it; null when absent or unreadable.</summary>
    public static int? ReadPid(string stateDir)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(Path.GetFullPath(stateDir), PidFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records the device's pid (temp file and rename: a crash never leaves half a number).</summary>
    public static void WritePid(string stateDir, int pid)
    {
        string path = Path.Combine(Path.GetFullPath(stateDir), PidFileName);
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, pid.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    public static void DeletePid(string stateDir) => File.Delete(Path.Combine(Path.GetFullPath(stateDir), PidFileName));

    /// <summary>True when <paramref name="pid"/> is alive and is rig-vdev running on exactly <paramref name="stateDir"/>.</summary>
    public static bool IsDevice(int pid, string stateDir)
    {
        string[] args = CommandLine(pid);
        if (args.Length == 0)
        {
            return false; // gone, a zombie, or a kernel thread
        }

        // argv[0] is the apphost, or argv[1] the dll after the dotnet host.
        bool isVdev = args.Take(2).Any(a => Path.GetFileName(a) is VirtualDeviceLauncher.AppHostName or VirtualDeviceLauncher.AssemblyFileName);
        string dir = Path.GetFullPath(stateDir);
        for (int i = 0; isVdev && i < args.Length; i++)
        {
            if ((args[i] == "--state" && i + 1 < args.Length && args[i + 1] == dir) || args[i] == "--state=" + dir)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="pid"/> no longer runs (absent, or a zombie waiting for its parent).</summary>
    public static bool IsGone(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length || stat[close + 2] is 'Z' or 'X';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }
    }

    /// <summary>SIGKILL (pulling the plug), then waits until the process is really gone.</summary>
    /// <exception cref="RigFaultException">It is still there after <paramref name="limit"/>, or kill was refused.</exception>
    public static async Task KillAsync(int pid, string describe, TimeSpan limit, CancellationToken ct)
    {
        if (Libc.Kill(pid, SIGKILL) != 0)
        {
            int errno = Libc.Errno;
            if (errno == ESRCH)
            {
                return;
            }

            throw new RigFaultException($"{describe}: cannot kill pid {pid}: {Libc.StrError(errno)}");
        }

        var deadline = DateTime.UtcNow + limit;
        while (!IsGone(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new RigFaultException($"{describe}: pid {pid} still runs {limit.TotalSeconds:0} s after SIGKILL");
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }
    }

    private static string[] CommandLine(int pid)
    {
        try
        {
            using var f = new FileStream($"/proc/{pid}/cmdline", FileMode.Open, FileAccess.Read);
            byte[] buf = new byte[64 * 1024];
            int n = f.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
            return n == 0 ? [] : Encoding.UTF8.GetString(buf, 0, n).TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
