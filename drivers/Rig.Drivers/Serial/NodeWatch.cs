using Rig.Drivers.Native;

namespace Rig.Drivers.Serial;

/// <summary>Wakes the reader when an absent console node may have appeared, using inotify on the directories that would change.</summary>
/// <remarks>
/// It watches the nearest existing ancestor of the node's directory (a /dev/serial/by-id that does
/// not exist yet is announced by its parent) and, when the node is a dangling symlink, the nearest
/// existing ancestor of its target's directory (an emulator's /dev/pts/N coming back). An event
/// only says "look again": the caller always re-opens by path, so a missed or spurious event costs
/// at most one <see cref="TimeoutMs"/>.
/// </remarks>
internal sealed unsafe class NodeWatch : IDisposable
{
    private const uint Mask = Inotify.IN_CREATE | Inotify.IN_MOVED_TO | Inotify.IN_ATTRIB
        | Inotify.IN_DELETE_SELF | Inotify.IN_MOVE_SELF | Inotify.IN_ONLYDIR;

    /// <summary>Safety net when every relevant directory is watched (a node could appear by a mount, say).</summary>
    private const int WatchedTimeoutMs = 250;

    /// <summary>Existence check interval when inotify is unavailable (instance or watch limits reached).</summary>
    private const int UnwatchedTimeoutMs = 50;

    private readonly HashSet<int> _watches = [];
    private int _fd = -1;
    private bool _complete;

    /// <summary>The inotify fd to poll, or -1 when inotify is unavailable.</summary>
    public int Fd => _fd;

    /// <summary>How long to wait for an event before looking again anyway.</summary>
    public int TimeoutMs => _complete ? WatchedTimeoutMs : UnwatchedTimeoutMs;

    /// <summary>Watches the directories where <paramref name="path"/> would appear now.</summary>
    /// <returns>True if a directory was newly watched: look for the node again before waiting, since it may have appeared before the watch.</returns>
    public bool Arm(string path)
    {
        if (_fd < 0)
        {
            _fd = Inotify.Init1(Inotify.IN_NONBLOCK | Inotify.IN_CLOEXEC);
            if (_fd < 0)
            {
                _complete = false;
                return false;
            }
        }

        bool added = false;
        bool complete = true;
        foreach (string dir in DirectoriesToWatch(path))
        {
            // The same directory returns the same watch descriptor, so re-arming does not pile up watches.
            int wd = Inotify.AddWatch(_fd, dir, Mask);
            if (wd < 0)
            {
                complete = false;
            }
            else
            {
                added |= _watches.Add(wd);
            }
        }

        _complete = complete;
        return added;
    }

    /// <summary>Discards pending events; their content does not matter, only that something changed.</summary>
    public void Drain()
    {
        if (_fd < 0)
        {
            return;
        }

        byte* sink = stackalloc byte[4096];
        while (Libc.Read(_fd, sink, 4096) > 0)
        {
        }
    }

    /// <summary>Stops watching (the node is open); the next <see cref="Arm"/> starts afresh.</summary>
    public void Close()
    {
        if (_fd >= 0)
        {
            Libc.Close(_fd);
            _fd = -1;
            _watches.Clear();
        }
    }

    public void Dispose() => Close();

    private static IEnumerable<string> DirectoriesToWatch(string path)
    {
        string full = Path.GetFullPath(path);
        yield return NearestExisting(Path.GetDirectoryName(full));
        if (DanglingTarget(full) is { } target)
        {
            yield return NearestExisting(Path.GetDirectoryName(target));
        }
    }

    private static string NearestExisting(string? dir)
    {
        while (dir is not null && !Directory.Exists(dir))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? "/";
    }

    private static string? DanglingTarget(string full)
    {
        try
        {
            FileSystemInfo? target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            return target is { Exists: false } ? target.FullName : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
