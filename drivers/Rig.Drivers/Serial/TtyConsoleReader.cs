using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Drivers.Serial;

/// <summary>The reader thread: open when present, pump chunks until hangup, wait for the node, repeat.</summary>
public sealed partial class TtyConsole
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Most a single read returns from a tty: N_TTY's buffer, less one byte.</summary>
    private const int TtyBufferSize = 4095;

    /// <summary>A session shorter than this counts as flapping: the next open is delayed, doubling.</summary>
    private const long StableSessionNs = 2_000_000_000;

    /// <summary>Reads in a row that found nothing although poll said POLLIN; a tty never does this, so it is treated as a hangup rather than spun on.</summary>
    private const int MaxEmptyReads = 1000;

    private const short Gone = Libc.POLLHUP | Libc.POLLERR | Libc.POLLNVAL;

    /// <summary>Set by a writer that got EIO on this handle, so the reader closes it even without POLLHUP.</summary>
    private volatile TtyHandle? _hangupRequestedFor;
    private long _sessionBytes; // bytes the current session delivered (reader thread only)

    private void ReadLoop()
    {
        ReaderTid = OsThread.GetTid();
        // One buffer for the console's lifetime: the hot path allocates nothing.
        byte[] buffer = GC.AllocateUninitializedArray<byte>(ChunkSize, pinned: true);
        var failures = new Backoff(100, 2000);
        var flaps = new Backoff(50, 2000);
        string? lastFailure = null;
        using var watch = new NodeWatch();
        try
        {
            while (!_stopping)
            {
                try
                {
                    OpenOutcome outcome = TtyOpener.Open(_settings);
                    if (outcome.Handle is { } handle)
                    {
                        watch.Close();
                        lastFailure = null;
                        failures.Reset();
                        if (!RunSession(handle, outcome.Detail, buffer, ref flaps))
                        {
                            return; // stopping: DisposeAsync flushes and closes the handle
                        }
                    }
                    else if (outcome.Absent)
                    {
                        _notOpenReason = "waiting for the device node";
                        if (!watch.Arm(Describe))
                        {
                            Wait(watch.Fd, watch.TimeoutMs);
                            watch.Drain();
                        }
                    }
                    else
                    {
                        _notOpenReason = outcome.Detail;
                        ReportFailure(outcome.Detail, ref lastFailure);
                        Wait(-1, failures.Next());
                    }
                }
                catch (Exception e)
                {
                    if (_stopping)
                    {
                        return; // DisposeAsync closes whatever is still open
                    }

                    // A bug here must neither end the capture nor spin: drop the node, report, back off, retry.
                    if (_handle is { } stale)
                    {
                        _handle = null;
                        stale.Dispose();
                    }

                    string detail = $"{Describe}: console reader fault: {e.GetType().Name}: {e.Message}";
                    _notOpenReason = detail;
                    ReportFailure(detail, ref lastFailure);
                    Wait(-1, failures.Next());
                }
            }
        }
        finally
        {
            _readerExited.TrySetResult();
        }
    }

    /// <summary>Publishes an opened node and pumps it until it hangs up (true) or the console stops (false).</summary>
    private bool RunSession(TtyHandle handle, string openedDetail, byte[] buffer, ref Backoff flaps)
    {
        long openedAt = Monotonic.NowNs;
        _sessionBytes = 0;
        _handle = handle;
        Status(ConsoleStatus.Opened, openedDetail);
        string? reason = Pump(handle, buffer);
        if (reason is null)
        {
            return false;
        }

        _notOpenReason = $"hung up ({reason})";
        _handle = null;
        handle.Dispose();
        Status(ConsoleStatus.HungUp, $"{Describe} hung up ({reason})");
        // A node that hangs up right after opening (a board in a reset loop) must not be reopened in a
        // hot loop; but a short session that carried output was a real boot (a quick power cycle), and
        // backing off after it would miss the start of the next boot.
        if (Monotonic.NowNs - openedAt < StableSessionNs && _sessionBytes == 0)
        {
            Wait(-1, flaps.Next());
        }
        else
        {
            flaps.Reset();
        }

        return true;
    }

    private void ReportFailure(string detail, ref string? lastFailure)
    {
        if (detail != lastFailure)
        {
            lastFailure = detail;
            Status(ConsoleStatus.Failed, detail);
        }
    }

    /// <summary>Delivers chunks until the node goes away (returns why) or the console stops (returns null).</summary>
    private unsafe string? Pump(TtyHandle handle, byte[] buffer)
    {
        int fd = handle.Fd;
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        fds[0].Fd = fd;
        fds[0].Events = Libc.POLLIN;
        fds[1].Fd = _wake!.Fd;
        fds[1].Events = Libc.POLLIN;
        int emptyReads = 0;
        fixed (byte* buf = buffer)
        {
            while (true)
            {
                fds[0].Revents = fds[1].Revents = 0;
                if (Libc.Poll(fds, 2, -1) < 0)
                {
                    int errno = Libc.Errno;
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    return $"poll: {Libc.StrError(errno)}";
                }

                if (fds[1].Revents != 0)
                {
                    _wake.Drain();
                    if (_stopping)
                    {
                        return null;
                    }

                    if (_hangupRequestedFor == handle)
                    {
                        return "write: Input/output error";
                    }
                }

                short revents = fds[0].Revents;
                if ((revents & Libc.POLLIN) != 0)
                {
                    long readAt = Monotonic.NowNs;
                    nint n = Libc.Read(fd, buf, ChunkSize);
                    if (n > 0)
                    {
                        emptyReads = 0;
                        n = ReadMore(fd, buf, n);
                        _sessionBytes += n;
                        _listeners.Data(readAt, new ReadOnlySpan<byte>(buf, (int)n));
                        continue;
                    }

                    // A hung-up tty polls readable and reads 0 (EOF), for ever.
                    if (n == 0)
                    {
                        return $"{PollFlags(revents)}, read returned end of file";
                    }

                    int errno = Libc.Errno;
                    if (errno is not (Libc.EAGAIN or Libc.EINTR))
                    {
                        return $"read: {Libc.StrError(errno)}";
                    }

                    if (++emptyReads > MaxEmptyReads)
                    {
                        return $"{PollFlags(revents)} but nothing to read {MaxEmptyReads} times";
                    }
                }

                if ((revents & Gone) != 0)
                {
                    return PollFlags(revents);
                }
            }
        }
    }

    /// <summary>
    /// A read that filled the line discipline's whole buffer (4095 bytes) means more is waiting: take it
    /// now, up to the chunk size, so a flood costs the listeners (log, journal, matching) one call per
    /// 64 KiB instead of one per 4 KiB. A console at a normal pace never reads that much and pays nothing.
    /// </summary>
    private static unsafe nint ReadMore(int fd, byte* buf, nint n)
    {
        nint last = n;
        while (last >= TtyBufferSize && n < ChunkSize)
        {
            last = Libc.Read(fd, buf + n, (nuint)(ChunkSize - n));
            if (last <= 0)
            {
                break; // nothing more now (EAGAIN), or a hangup the next poll reports
            }

            n += last;
        }

        return n;
    }

    /// <summary>Sleeps until the wake pipe (dispose, a writer's hangup), <paramref name="extraFd"/> (if not -1) or the timeout.</summary>
    private unsafe void Wait(int extraFd, int timeoutMs)
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        fds[0].Fd = _wake!.Fd;
        fds[0].Events = Libc.POLLIN;
        fds[1].Fd = extraFd;
        fds[1].Events = Libc.POLLIN;
        if (Libc.Poll(fds, extraFd < 0 ? 1u : 2u, timeoutMs) > 0 && fds[0].Revents != 0)
        {
            _wake.Drain();
        }
    }

    private static string PollFlags(short revents)
    {
        var names = new List<string>(4);
        if ((revents & Libc.POLLIN) != 0)
        {
            names.Add("POLLIN");
        }

        if ((revents & Libc.POLLERR) != 0)
        {
            names.Add("POLLERR");
        }

        if ((revents & Libc.POLLHUP) != 0)
        {
            names.Add("POLLHUP");
        }

        if ((revents & Libc.POLLNVAL) != 0)
        {
            names.Add("POLLNVAL");
        }

        return string.Join('|', names);
    }
}
