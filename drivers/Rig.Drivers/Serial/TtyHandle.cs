using Microsoft.Win32.SafeHandles;
using Rig.Drivers.Native;

namespace Rig.Drivers.Serial;

/// <summary>An open tty fd. Reference counting keeps a writer's fd from being closed (and reused) under it.</summary>
internal sealed class TtyHandle : SafeHandleMinusOneIsInvalid
{
    private readonly bool _exclusive;

    public TtyHandle(int fd, bool exclusive) : base(ownsHandle: true)
    {
        SetHandle(fd);
        _exclusive = exclusive;
    }

    public int Fd => (int)handle;

    /// <summary>Flush, release exclusivity, close. Errors are ignored: on a hung-up tty both ioctls fail with EIO.</summary>
    protected override bool ReleaseHandle()
    {
        int fd = (int)handle;
        // Unsent output would make close() wait up to closing_wait (30 s by default) on a real UART.
        Libc.Ioctl(fd, Termios2.TCFLSH, Termios2.TCOFLUSH);
        if (_exclusive)
        {
            Libc.Ioctl(fd, Termios2.TIOCNXCL, 0);
        }

        return Libc.Close(fd) == 0;
    }
}
