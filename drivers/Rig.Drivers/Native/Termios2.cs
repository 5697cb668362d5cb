using System.Runtime.InteropServices;

namespace Rig.Drivers.Native;

/// <summary>The kernel's struct termios2 (asm-generic: 44 bytes, NCCS 19), used through TCGETS2/TCSETS2 (TCGETS/TCSETS where they are missing: <see cref="LegacyTermios"/>).</summary>
/// <remarks>Declaring c_cc[32] here is a known bug elsewhere: that is glibc's struct, not the kernel's.</remarks>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Termios2
{
    public uint c_iflag;
    public uint c_oflag;
    public uint c_cflag;
    public uint c_lflag;
    public byte c_line;
    public fixed byte c_cc[19];
    public uint c_ispeed;
    public uint c_ospeed;

    // ioctls: _IOR/_IOW('T', 0x2A/0x2B, struct termios2), the same on x86_64, arm64 and armhf.
    public const uint TCGETS2 = 0x802C542A;
    public const uint TCSETS2 = 0x402C542B;
    public const uint TIOCEXCL = 0x540C;
    public const uint TIOCNXCL = 0x540D;
    public const uint TCFLSH = 0x540B;
    public const int TCOFLUSH = 1;
    public const int TCIOFLUSH = 2;

    // c_iflag
    public const uint IGNBRK = 0x1, BRKINT = 0x2, PARMRK = 0x8, INPCK = 0x10, ISTRIP = 0x20, INLCR = 0x40,
        IGNCR = 0x80, ICRNL = 0x100, IXON = 0x400, IXANY = 0x800, IXOFF = 0x1000;

    // c_oflag
    public const uint OPOST = 0x1;

    // c_cflag
    public const uint CBAUD = 0x100F, CBAUDEX = 0x1000, BOTHER = 0x1000, CSIZE = 0x30, CS8 = 0x30, CSTOPB = 0x40,
        CREAD = 0x80, PARENB = 0x100, HUPCL = 0x400, CLOCAL = 0x800, CRTSCTS = 0x80000000;

    public const int IBSHIFT = 16;

    // c_lflag
    public const uint ISIG = 0x1, ICANON = 0x2, ECHO = 0x8, ECHONL = 0x40, IEXTEN = 0x8000;

    public const int VTIME = 5, VMIN = 6;

    /// <summary>cfmakeraw plus what a serial link needs: 8N1, no flow control, receiver on, modem lines ignored.</summary>
    public void MakeRaw()
    {
        c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF | IXANY | INPCK);
        c_oflag &= ~OPOST;
        c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        c_cflag &= ~(CSIZE | PARENB | CSTOPB | CRTSCTS | HUPCL); // no HUPCL: closing must not reset DTR-reset boards
        c_cflag |= CS8 | CLOCAL | CREAD;
        c_cc[VMIN] = 1;
        c_cc[VTIME] = 0;
    }

    /// <summary>Any rate, standard or not, through BOTHER: one code path for all.</summary>
    public void SetBaud(uint baud)
    {
        c_cflag &= ~(CBAUD | CBAUDEX | ((CBAUD | CBAUDEX) << IBSHIFT));
        c_cflag |= BOTHER | (BOTHER << IBSHIFT);
        c_ispeed = baud;
        c_ospeed = baud;
    }

    public static Termios2 Get(int fd)
    {
        Termios2 t;
        if (Libc.Ioctl(fd, TCGETS2, &t) != 0)
        {
            int errno = Libc.Errno;
            return errno == LegacyTermios.ENOSYS ? LegacyTermios.Get(fd) : throw Errors.Io("TCGETS2", errno);
        }

        return t;
    }

    public static void Set(int fd, in Termios2 t)
    {
        Termios2 copy = t;
        if (Libc.Ioctl(fd, TCSETS2, &copy) != 0)
        {
            int errno = Libc.Errno;
            if (errno != LegacyTermios.ENOSYS)
            {
                throw Errors.Io("TCSETS2", errno);
            }

            LegacyTermios.Set(fd, t);
        }
    }
}
