using Rig.Drivers.Native;

namespace Rig.Cli.Terminal;

/// <summary>
/// Reads the operator's keys from fd 0 with poll and read. System.Console is avoided on purpose:
/// opening its stdin re-applies the terminal settings it saved, undoing raw mode (no echo, no
/// line buffering), so the escape key would wait for Enter and every key would echo twice.
/// </summary>
internal static unsafe class KeyboardReader
{
    /// <summary>Reads what is typed; 0 at end of input. Polls in short slices so cancellation is noticed.</summary>
    public static int Read(Span<byte> buffer, CancellationToken ct)
    {
        var pfd = new Libc.PollFd { Fd = 0, Events = Libc.POLLIN };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            int ready = Libc.Poll(&pfd, 1, 200);
            if (ready < 0 && Libc.Errno != Libc.EINTR)
            {
                throw Errors.Io("poll on standard input", Libc.Errno);
            }

            if (ready <= 0)
            {
                continue;
            }

            fixed (byte* p = buffer)
            {
                nint n = Libc.Read(0, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (Libc.Errno is not (Libc.EINTR or Libc.EAGAIN))
                {
                    return 0; // stdin went away: end the session like end of input
                }
            }
        }
    }
}
