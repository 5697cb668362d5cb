using System.Runtime.InteropServices;

namespace Rig.Drivers.Native;

/// <summary>inotify(7): wakes a waiter when a directory's entries change, instead of checking a path on a timer.</summary>
public static partial class Inotify
{
    public const int IN_NONBLOCK = Libc.O_NONBLOCK;
    public const int IN_CLOEXEC = Libc.O_CLOEXEC;

    public const uint IN_ATTRIB = 0x4;
    public const uint IN_MOVED_TO = 0x80;
    public const uint IN_CREATE = 0x100;
    public const uint IN_DELETE_SELF = 0x400;
    public const uint IN_MOVE_SELF = 0x800;
    public const uint IN_ONLYDIR = 0x01000000;

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int Init1(int flags);

    /// <summary>Returns the watch descriptor; the same one again for a directory (inode) already watched.</summary>
    [LibraryImport("libc", EntryPoint = "inotify_add_watch", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int AddWatch(int fd, string path, uint mask);
}
