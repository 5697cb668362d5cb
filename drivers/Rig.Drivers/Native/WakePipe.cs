namespace Rig.Drivers.Native;

/// <summary>A non-blocking pipe that wakes a thread blocked in poll(): one side signals, the waiter polls <see cref="Fd"/>.</summary>
/// <remarks>
/// Level-triggered: a signal stays pending until <see cref="Drain"/>, so a signal sent between a
/// waiter's check and its poll is never lost. A full pipe means a wake-up is already pending.
/// </remarks>
public sealed unsafe class WakePipe : IDisposable
{
    private int _readFd;
    private int _writeFd;

    public WakePipe()
    {
        int* fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.O_NONBLOCK | Libc.O_CLOEXEC) != 0)
        {
            throw Errors.Io("pipe2", Libc.Errno);
        }

        _readFd = fds[0];
        _writeFd = fds[1];
    }

    /// <summary>The end to poll for POLLIN.</summary>
    public int Fd => _readFd;

    /// <summary>Wakes the waiter. Safe from any thread; never blocks.</summary>
    public void Signal()
    {
        byte one = 1;
        Libc.Write(_writeFd, &one, 1);
    }

    /// <summary>Consumes pending signals, so the next poll blocks again.</summary>
    public void Drain()
    {
        byte* sink = stackalloc byte[64];
        while (Libc.Read(_readFd, sink, 64) > 0)
        {
        }
    }

    public void Dispose()
    {
        if (_readFd >= 0)
        {
            Libc.Close(_readFd);
            Libc.Close(_writeFd);
            _readFd = _writeFd = -1;
        }
    }
}
