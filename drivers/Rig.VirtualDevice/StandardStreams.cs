using Rig.Drivers.Native;

namespace Rig.VirtualDevice;

/// <summary>Points fd 0 at /dev/null and fds 1 and 2 at the log, once start-up has succeeded.</summary>
/// <remarks>
/// The parent may be gone or may stop reading its pipes; a device that kept them could block or
/// get SIGPIPE. Closing the inherited stderr also tells the power switch that start-up is over.
/// </remarks>
internal static class StandardStreams
{
    public static void Detach(string logPath)
    {
        int devNull = Libc.Open("/dev/null", VdevNative.O_RDWR | VdevNative.O_CLOEXEC, 0);
        if (devNull < 0)
        {
            throw Errors.Io("open /dev/null", Libc.Errno);
        }

        int log = Libc.Open(logPath, VdevNative.O_WRONLY | VdevNative.O_APPEND | VdevNative.O_CREAT | VdevNative.O_CLOEXEC, 0x1a4 /* 0644 */);
        if (log < 0)
        {
            int errno = Libc.Errno;
            Libc.Close(devNull);
            throw Errors.Io($"open {logPath}", errno);
        }

        try
        {
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
}
