using System.Globalization;
using Rig.Drivers.Native;

namespace Rig.VirtualDevice;

/// <summary>Points fd 0 at /dev/null and fds 1 and 2 at the log, once start-up has succeeded.</summary>
/// <remarks>
/// The parent may be gone or may stop reading its pipes; a device that kept them could block or
/// get SIGPIPE, and would keep a shell pipeline like <c>rig power on | tee</c> from ever ending.
/// The runtime holds its own duplicates of the standard streams, so those are pointed at
/// /dev/null too. Once no copy is left, the parent sees end-of-file on the device's stderr: the
/// power switch's signal that start-up is over.
/// </remarks>
internal static class StandardStreams
{
    public static void Detach(string logPath)
    {
        HashSet<string> inherited = InheritedStreams();
        int devNull = Libc.Open("/dev/null", Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (devNull < 0)
        {
            throw Errors.Io("open /dev/null", Libc.Errno);
        }

        int log = Libc.Open(logPath, Libc.O_WRONLY | Libc.O_APPEND | Libc.O_CREAT | Libc.O_CLOEXEC, 0x1a4 /* 0644 */);
        if (log < 0)
        {
            int errno = Libc.Errno;
            Libc.Close(devNull);
            throw Errors.Io($"open {logPath}", errno);
        }

        try
        {
            foreach (int fd in OpenFds())
            {
                if (fd > 2 && fd != devNull && fd != log && Target(fd) is { } t && inherited.Contains(t))
                {
                    // Replaced, not closed: the runtime still owns the fd number and may use it.
                    VdevNative.Dup2(devNull, fd);
                }
            }

            if (VdevNative.Dup2(devNull, 0) < 0 || VdevNative.Dup2(log, 1) < 0 || VdevNative.Dup2(log, 2) < 0)
            {
                throw Errors.Io("dup2", Libc.Errno);
            }
        }
        finally
        {
            Libc.Close(devNull);
            Libc.Close(log);
        }
    }

    /// <summary>The parent's pipes, sockets or terminal behind fds 0-2 (files and /dev/null need no care).</summary>
    private static HashSet<string> InheritedStreams()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (int fd = 0; fd <= 2; fd++)
        {
            if (Target(fd) is { } t && (t.StartsWith("pipe:", StringComparison.Ordinal) || t.StartsWith("socket:", StringComparison.Ordinal)
                || t.StartsWith("/dev/pts/", StringComparison.Ordinal) || t.StartsWith("/dev/tty", StringComparison.Ordinal)))
            {
                set.Add(t);
            }
        }

        return set;
    }

    private static List<int> OpenFds()
    {
        var fds = new List<int>();
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int fd))
            {
                fds.Add(fd);
            }
        }

        return fds;
    }

    private static string? Target(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed meanwhile (e.g. the enumeration's own fd)
        }
    }
}
