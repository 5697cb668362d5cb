namespace Rig.Drivers.Native;

/// <summary>
/// termios through TCGETS/TCSETS, for where TCGETS2 does not exist: Linux has had it since 2.6.20,
/// but QEMU's user-mode emulator (how an arm64 rig is tested on an x86 machine) answers ENOSYS.
/// The first 36 bytes of <see cref="Termios2"/> are the kernel's struct termios; the rate travels
/// as a Bxxx code in c_cflag, so only the standard rates can be set this way.
/// </summary>
internal static unsafe class LegacyTermios
{
    public const int ENOSYS = 38;
    private const uint TCGETS = 0x5401;
    private const uint TCSETS = 0x5402;

    // asm-generic termbits: B0..B38400 are 0..15, B57600..B4000000 are 0x1001..0x100F.
    private static readonly uint[] Rates =
    [
        0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400,
        0, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
    ];

    /// <summary>The rate of a Bxxx code (0 for B0 and for BOTHER, which this ioctl cannot carry).</summary>
    public static uint Rate(uint code) => Rates[(code & 0xF) | ((code & Termios2.CBAUDEX) != 0 ? 0x10u : 0)];

    /// <summary>The Bxxx code of a standard rate, or null.</summary>
    public static uint? Code(uint rate)
    {
        int i = rate == 0 ? 0 : Array.IndexOf(Rates, rate, 1);
        return i < 0 || i == 0x10 ? null : (uint)(i & 0xF) | (i >= 0x10 ? Termios2.CBAUDEX : 0);
    }

    public static Termios2 Get(int fd)
    {
        Termios2 t = default;
        if (Libc.Ioctl(fd, TCGETS, &t) != 0)
        {
            throw Errors.Io("TCGETS", Libc.Errno);
        }

        uint output = t.c_cflag & Termios2.CBAUD;
        uint input = (t.c_cflag >> Termios2.IBSHIFT) & Termios2.CBAUD;
        t.c_ospeed = Rate(output);
        t.c_ispeed = input == 0 ? t.c_ospeed : Rate(input); // 0: the same as the output rate
        return t;
    }

    public static void Set(int fd, in Termios2 t)
    {
        Termios2 copy = t;
        if ((copy.c_cflag & Termios2.CBAUD) == Termios2.BOTHER)
        {
            uint code = Code(copy.c_ospeed)
                ?? throw new NativeIOException($"TCSETS2 is not available here (an emulator?) and {copy.c_ospeed} baud is no standard rate", ENOSYS);
            copy.c_cflag = (copy.c_cflag & ~(Termios2.CBAUD | (Termios2.CBAUD << Termios2.IBSHIFT))) | code;
        }

        if (Libc.Ioctl(fd, TCSETS, &copy) != 0)
        {
            throw Errors.Io("TCSETS", Libc.Errno);
        }
    }
}
