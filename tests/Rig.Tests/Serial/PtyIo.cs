using Rig.Drivers.Native;

namespace Rig.Tests.Serial;

/// <summary>The device side of a test: blocking writes to and bounded reads from a pty master.</summary>
internal static unsafe class PtyIo
{
    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = Libc.Write(fd, p + done, (nuint)(data.Length - done));
                if (n < 0)
                {
                    int errno = Libc.Errno;
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    throw Errors.Io("write to pty master", errno);
                }

                done += (int)n;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, failing if they do not come within the timeout.</summary>
    public static byte[] ReadExactly(int fd, int count, double seconds = 10)
    {
        var result = new byte[count];
        int done = 0;
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        fixed (byte* p = result)
        {
            while (done < count)
            {
                int leftMs = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
                Assert.That(leftMs, Is.GreaterThan(0), $"only {done} of {count} bytes arrived at the master");
                if (!Readable(fd, leftMs))
                {
                    continue;
                }

                nint n = Libc.Read(fd, p + done, (nuint)(count - done));
                Assert.That(n, Is.GreaterThan((nint)0), $"read from master: {Libc.StrError(Libc.Errno)}");
                done += (int)n;
            }
        }

        return result;
    }

    /// <summary>True if the fd has input within <paramref name="timeoutMs"/>.</summary>
    public static bool Readable(int fd, int timeoutMs)
    {
        Libc.PollFd pfd = new() { Fd = fd, Events = Libc.POLLIN };
        return Libc.Poll(&pfd, 1, timeoutMs) > 0 && (pfd.Revents & Libc.POLLIN) != 0;
    }

    /// <summary>Puts the slave back into the cooked state a fresh pty has (echo, canonical, CR/LF mapping, signals, XON/XOFF).</summary>
    public static void MakeCooked(int masterFd)
    {
        const uint ONLCR = 0x4;
        Termios2 t = Termios2.Get(masterFd);
        t.c_iflag |= Termios2.ICRNL | Termios2.IXON;
        t.c_oflag |= Termios2.OPOST | ONLCR;
        t.c_lflag |= Termios2.ICANON | Termios2.ECHO | Termios2.ISIG | Termios2.IEXTEN;
        Termios2.Set(masterFd, t);
    }

    /// <summary>TIOCGEXCL: whether the tty behind <paramref name="fd"/> is in exclusive mode.</summary>
    public static bool IsExclusive(int fd)
    {
        const uint TIOCGEXCL = 0x80045440;
        int excl = -1;
        Assert.That(Libc.Ioctl(fd, TIOCGEXCL, &excl), Is.Zero, $"TIOCGEXCL: {Libc.StrError(Libc.Errno)}");
        return excl != 0;
    }

    /// <summary>User plus system CPU time of a thread of this process, in clock ticks.</summary>
    public static long CpuTicks(int tid)
    {
        string stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
        // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
