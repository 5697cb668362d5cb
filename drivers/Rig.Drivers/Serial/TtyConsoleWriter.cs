using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Drivers.Serial;

/// <summary>Writes: one at a time, all bytes, waiting for room with poll(POLLOUT) when output is backed up.</summary>
public sealed partial class TtyConsole
{
    /// <inheritdoc/>
    /// <remarks>Writes never interleave. If the node hangs up midway, the bytes before it were sent and the rest are not.</remarks>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            TtyHandle handle = _handle ?? throw NotOpen();
            bool added = false;
            try
            {
                // Holding a reference keeps the reader's close of a hung-up node from freeing the fd number under us.
                handle.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw NotOpen();
            }

            try
            {
                int done = WriteAvailable(handle, data.Span);
                if (done < data.Length)
                {
                    // Output is backed up (a slow UART, a pty nobody reads): wait for room off the caller's thread.
                    await Task.Run(() => WriteWhenReady(handle, data[done..], ct), ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes until done or EAGAIN; returns how many bytes went out.</summary>
    private unsafe int WriteAvailable(TtyHandle handle, ReadOnlySpan<byte> data)
    {
        int done = 0;
        fixed (byte* p = data)
        {
            while (done < data.Length)
            {
                nint n = Libc.Write(handle.Fd, p + done, (nuint)(data.Length - done));
                if (n > 0)
                {
                    done += (int)n;
                    continue;
                }

                int errno = n == 0 ? Libc.EAGAIN : Libc.Errno;
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                if (errno == Libc.EAGAIN)
                {
                    break;
                }

                throw WriteFailed(handle, errno);
            }
        }

        return done;
    }

    private unsafe void WriteWhenReady(TtyHandle handle, ReadOnlyMemory<byte> rest, CancellationToken ct)
    {
        WakePipe kick = _writeKick!;
        using CancellationTokenRegistration registration = ct.Register(static k => ((WakePipe)k!).Signal(), kick);
        Libc.PollFd* fds = stackalloc Libc.PollFd[2];
        while (!rest.IsEmpty)
        {
            fds[0] = new Libc.PollFd { Fd = handle.Fd, Events = Libc.POLLOUT };
            fds[1] = new Libc.PollFd { Fd = kick.Fd, Events = Libc.POLLIN };
            if (Libc.Poll(fds, 2, -1) < 0)
            {
                int errno = Libc.Errno;
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                throw Errors.Io($"{Describe}: poll", errno);
            }

            if (fds[1].Revents != 0)
            {
                kick.Drain();
            }

            ct.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_stopping, this);
            if ((fds[0].Revents & Libc.POLLNVAL) != 0)
            {
                throw NotOpen();
            }

            // A hung-up tty polls writable; its write then fails with EIO, which WriteAvailable reports.
            if ((fds[0].Revents & (Libc.POLLOUT | Libc.POLLERR | Libc.POLLHUP)) != 0)
            {
                rest = rest[WriteAvailable(handle, rest.Span)..];
            }
        }
    }

    private Exception WriteFailed(TtyHandle handle, int errno)
    {
        if (errno != Libc.EIO)
        {
            return Errors.Io($"{Describe}: write", errno);
        }

        // EIO is a hangup; tell the reader in case poll has not shown it POLLHUP.
        _hangupRequestedFor = handle;
        _wake!.Signal();
        return new ConsoleUnavailableException($"{Describe} is not open: hung up (write: {Libc.StrError(errno)})");
    }

    private ConsoleUnavailableException NotOpen() => new($"{Describe} is not open: {_notOpenReason}");
}
