using System.Collections.Concurrent;
using System.Text;
using Rig.Drivers.Native;

namespace Rig.VirtualDevice;

/// <summary>
/// The device's serial port: the master side of a pseudo-terminal whose slave the rig opens.
/// </summary>
/// <remarks>
/// The device keeps a slave fd of its own open, so the line never hangs up when the rig closes
/// or reopens the port. Writes block while nobody reads the slave and the pty buffer is full:
/// like a real UART with a full FIFO, no byte is lost before the rig opens the port. Input is
/// read by its own thread into a small bounded queue, so the console never blocks telnet.
/// </remarks>
internal sealed unsafe class ConsolePort : ITerminal, IDisposable
{
    private readonly Pty _pty;
    private readonly int _slaveHold;
    private readonly BlockingCollection<byte[]> _input = new(boundedCapacity: 16);
    private readonly DeviceLog _log;
    private byte[] _pending = [];
    private int _pendingPos;

    private ConsolePort(Pty pty, int slaveHold, DeviceLog log)
    {
        _pty = pty;
        _slaveHold = slaveHold;
        _log = log;
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = "console input" };
        reader.Start();
    }

    /// <summary>/dev/pts/N, where the console link points.</summary>
    public string SlavePath => _pty.SlavePath;

    public bool EchoesInput => true;

    /// <summary>Opens a raw pty pair and holds its slave open.</summary>
    public static ConsolePort Open(DeviceLog log)
    {
        Pty pty = Pty.Open();
        int hold = Libc.Open(pty.SlavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0);
        if (hold < 0)
        {
            int errno = Libc.Errno;
            pty.Dispose();
            throw Errors.Io($"open {pty.SlavePath}", errno);
        }

        return new ConsolePort(pty, hold, log);
    }

    public void Write(string text) => Write(Encoding.Latin1.GetBytes(text));

    /// <summary>Writes all of <paramref name="bytes"/>, waiting while the line is full (nobody reads the slave).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint n = Libc.Write(_pty.MasterFd, p + done, (nuint)(bytes.Length - done));
                if (n > 0)
                {
                    done += (int)n;
                }
                else if (n < 0 && Libc.Errno != Libc.EINTR)
                {
                    _log.Write($"console: write failed: {Libc.StrError(Libc.Errno)}");
                    return;
                }
            }
        }
    }

    public int Read(Span<byte> buffer)
    {
        TryRead(buffer, Timeout.InfiniteTimeSpan, out int n);
        return n;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for input; false when none came.</summary>
    public bool TryRead(Span<byte> buffer, TimeSpan timeout, out int count)
    {
        if (_pendingPos >= _pending.Length)
        {
            if (!_input.TryTake(out byte[]? next, timeout))
            {
                count = 0;
                return false;
            }

            _pending = next;
            _pendingPos = 0;
        }

        int n = Math.Min(buffer.Length, _pending.Length - _pendingPos);
        _pending.AsSpan(_pendingPos, n).CopyTo(buffer);
        _pendingPos += n;
        count = n;
        return true;
    }

    /// <summary>Drops what was typed so far: input during boot goes nowhere, as on a camera whose getty starts late.</summary>
    public void DiscardInput()
    {
        while (_input.TryTake(out _))
        {
        }

        _pending = [];
        _pendingPos = 0;
    }

    public void Dispose()
    {
        Libc.Close(_slaveHold);
        _pty.Dispose();
    }

    private void ReadLoop()
    {
        byte* buf = stackalloc byte[1024];
        while (true)
        {
            nint n = Libc.Read(_pty.MasterFd, buf, 1024);
            if (n > 0)
            {
                _input.Add(new ReadOnlySpan<byte>(buf, (int)n).ToArray()); // blocks when full: back-pressure, not growth
            }
            else if (n < 0 && Libc.Errno == Libc.EINTR)
            {
                continue;
            }
            else
            {
                // With our own slave fd held this should not happen; do not spin if it does.
                _log.Write($"console: read failed: {(n < 0 ? Libc.StrError(Libc.Errno) : "end of file")}");
                Thread.Sleep(200);
            }
        }
    }
}
