using System.Runtime.InteropServices;

namespace Rig.Drivers.Native;

/// <summary>A pseudo-terminal pair: the virtual device holds the master, the rig opens the slave by path like a UART.</summary>
/// <remarks>
/// Both ends are put in raw mode: a new slave is cooked (ICANON, ECHO, ONLCR) and would echo the
/// device's own output back to it and hold reads until a newline.
/// </remarks>
public sealed unsafe partial class Pty : IDisposable
{
    private Pty(int masterFd, string slavePath)
    {
        MasterFd = masterFd;
        SlavePath = slavePath;
    }

    public int MasterFd { get; private set; }

    /// <summary>/dev/pts/N.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a new pair with the slave in raw mode.</summary>
    public static Pty Open()
    {
        int fd = PosixOpenPt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw Errors.Io("posix_openpt", Libc.Errno);
        }

        try
        {
            if (GrantPt(fd) != 0 || UnlockPt(fd) != 0)
            {
                throw Errors.Io("grantpt/unlockpt", Libc.Errno);
            }

            byte* name = stackalloc byte[128];
            int rc = PtsNameR(fd, name, 128);
            if (rc != 0)
            {
                throw Errors.Io("ptsname_r", rc);
            }

            var pty = new Pty(fd, Marshal.PtrToStringUTF8((nint)name)!);
            // termios ioctls on the master act on the slave's settings.
            Termios2 t = Termios2.Get(fd);
            t.MakeRaw();
            Termios2.Set(fd, t);
            return pty;
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    /// <summary>Closing the master hangs up the slave: readers see POLLHUP and EIO, as on a USB unplug.</summary>
    public void Dispose()
    {
        if (MasterFd >= 0)
        {
            Libc.Close(MasterFd);
            MasterFd = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r")]
    private static partial int PtsNameR(int fd, byte* buf, nuint len);
}
