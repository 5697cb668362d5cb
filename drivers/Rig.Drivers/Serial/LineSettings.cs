using Rig.Drivers.Native;

namespace Rig.Drivers.Serial;

/// <summary>Renders termios as read back from the kernel, e.g. "115200 baud, 8N1 raw", for the journal.</summary>
internal static class LineSettings
{
    private const uint PARODD = 0x200;

    public static string Describe(in Termios2 t, int requestedBaud)
    {
        int bits = (t.c_cflag & Termios2.CSIZE) switch
        {
            0x00 => 5,
            0x10 => 6,
            0x20 => 7,
            _ => 8,
        };
        char parity = (t.c_cflag & Termios2.PARENB) == 0 ? 'N' : (t.c_cflag & PARODD) != 0 ? 'O' : 'E';
        int stop = (t.c_cflag & Termios2.CSTOPB) != 0 ? 2 : 1;
        bool raw = (t.c_lflag & (Termios2.ICANON | Termios2.ECHO | Termios2.ISIG | Termios2.IEXTEN)) == 0
            && (t.c_oflag & Termios2.OPOST) == 0
            && (t.c_iflag & (Termios2.ICRNL | Termios2.IXON | Termios2.ISTRIP)) == 0;
        string mode = raw ? "raw" : $"NOT raw (iflag 0x{t.c_iflag:x}, oflag 0x{t.c_oflag:x}, lflag 0x{t.c_lflag:x})";
        // A UART may round an odd rate; say so rather than journal the rate we asked for.
        string asked = t.c_ospeed == (uint)requestedBaud ? "" : $" (asked for {requestedBaud})";
        return $"{t.c_ospeed} baud{asked}, {bits}{parity}{stop} {mode}";
    }
}
