using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Drivers.Native;

namespace Rig.Tests.VirtualDevice;

/// <summary>A minimal raw serial reader for tests: opens a tty path like the rig would, polls and reads into text.</summary>
internal sealed unsafe class RawTty : IDisposable
{
    private const int MaxText = 1024 * 1024;
    private readonly StringBuilder _text = new();
    private int _consumed;
    private int _fd;

    private RawTty(int fd) => _fd = fd;

    /// <summary>Everything read so far (Latin-1).</summary>
    public string Text => _text.ToString();

    public static RawTty Open(string path)
    {
        int fd = Libc.Open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw Errors.Io($"open {path}", Libc.Errno);
        }

        Termios2 t = Termios2.Get(fd);
        t.MakeRaw();
        t.SetBaud(115200);
        Termios2.Set(fd, t);
        return new RawTty(fd);
    }

    /// <summary>Reads until <paramref name="pattern"/> matches text after the previous match; returns that text up to the match's end.</summary>
    public string ReadUntil(Regex pattern, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Match m = pattern.Match(Text, _consumed);
            if (m.Success)
            {
                string got = Text[_consumed..(m.Index + m.Length)];
                _consumed = m.Index + m.Length;
                return got;
            }

            TimeSpan left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail($"no /{pattern}/ within {timeout.TotalSeconds} s; got: {Escape(Text[_consumed..])}");
            }

            Pump((int)Math.Min(left.TotalMilliseconds, 200) + 1);
        }
    }

    public string ReadUntil(string regex, double seconds = 20) => ReadUntil(new Regex(regex), TimeSpan.FromSeconds(seconds));

    /// <summary>Waits for input once and reads what is there.</summary>
    public void Pump(int timeoutMs)
    {
        var pfd = new Libc.PollFd { Fd = _fd, Events = Libc.POLLIN };
        int r = Libc.Poll(&pfd, 1, timeoutMs);
        if (r <= 0)
        {
            return;
        }

        byte* buf = stackalloc byte[4096];
        nint n;
        while ((n = Libc.Read(_fd, buf, 4096)) > 0)
        {
            if (_text.Length < MaxText)
            {
                _text.Append(Encoding.Latin1.GetString(buf, (int)n));
            }
        }

        if ((pfd.Revents & Libc.POLLHUP) != 0 && n <= 0)
        {
            Thread.Sleep(10); // hung up: nothing more will come, do not spin
        }
    }

    /// <summary>Writes all of <paramref name="s"/>, waiting while the line is full.</summary>
    public void Write(string s)
    {
        byte[] data = Encoding.Latin1.GetBytes(s);
        int done = 0;
        var clock = Stopwatch.StartNew();
        while (done < data.Length)
        {
            done += TryWrite(data.AsSpan(done));
            if (done < data.Length)
            {
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "the device stopped reading its console");
                var pfd = new Libc.PollFd { Fd = _fd, Events = Libc.POLLOUT };
                Libc.Poll(&pfd, 1, 100);
            }
        }
    }

    /// <summary>Writes what fits now without waiting; returns how much that was.</summary>
    public int TryWrite(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint n = Libc.Write(_fd, p, (nuint)data.Length);
            return n > 0 ? (int)n : 0;
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Libc.Close(_fd);
            _fd = -1;
        }
    }

    internal static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 2000 ? s[^2000..] : s)
        {
            sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n\n",
                < ' ' or > '~' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
