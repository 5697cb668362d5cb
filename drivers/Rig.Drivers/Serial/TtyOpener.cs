using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Drivers.Serial;

/// <summary>What one attempt to open a console's node gave: an open tty, an absent node, or a failure to report.</summary>
internal readonly record struct OpenOutcome(TtyHandle? Handle, bool Absent, string Detail);

/// <summary>Opens and configures a tty node: raw 8N1 at any rate, optionally exclusive, and says what the kernel set.</summary>
internal static class TtyOpener
{
    private const int ENOTDIR = 20;

    /// <summary>One attempt. Never throws for OS errors: they come back as an absent node or a failure message.</summary>
    public static OpenOutcome Open(SerialSettings settings)
    {
        string path = settings.Path;
        // O_NOCTTY: the node must never become our controlling tty (a hangup would SIGHUP the rig).
        int fd = Libc.Open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            int errno = Libc.Errno;
            // ENOENT also covers a dangling symlink: the device it names is not there (yet).
            return errno is Libc.ENOENT or ENOTDIR
                ? new OpenOutcome(null, true, $"{path}: {Libc.StrError(errno)}")
                : new OpenOutcome(null, false, $"{path}: {Libc.StrError(errno)}");
        }

        var handle = new TtyHandle(fd, settings.Exclusive);
        try
        {
            if (settings.Exclusive && Libc.Ioctl(fd, Termios2.TIOCEXCL, 0) != 0)
            {
                throw Errors.Io("TIOCEXCL", Libc.Errno);
            }

            // TIOCEXCL does not stop root, and a rig often runs as root: a lock on the node keeps two
            // consoles (two slots wired to one adapter, or a pty number reused by another slot's
            // device) from ever sharing it and splitting its bytes between them.
            if (settings.Exclusive && Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
            {
                int errno = Libc.Errno;
                throw errno == Libc.EAGAIN
                    ? new NativeIOException($"{ResolvedTarget(fd) ?? path} is already open by another rig console", errno)
                    : Errors.Io("flock", errno);
            }

            Termios2 t = Termios2.Get(fd);
            t.MakeRaw();
            t.SetBaud((uint)settings.Baud);
            Termios2.Set(fd, t);
            Termios2 actual = Termios2.Get(fd);

            string? target = ResolvedTarget(fd);
            string via = target is null || target == path ? "" : $" (-> {target})";
            return new OpenOutcome(handle, false, $"opened {path}{via} at {LineSettings.Describe(actual, settings.Baud)}");
        }
        catch (NativeIOException e)
        {
            handle.Dispose();
            string why = e.Errno == Libc.ENOTTY ? $"not a terminal ({e.Message})" : e.Message;
            return new OpenOutcome(null, false, $"{path}: {why}");
        }
    }

    /// <summary>What the fd really is (the /dev/pts/N behind a symlink), from the kernel rather than a racy readlink of the path.</summary>
    private static string? ResolvedTarget(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
