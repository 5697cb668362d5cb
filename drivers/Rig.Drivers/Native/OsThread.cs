using System.Runtime.InteropServices;

namespace Rig.Drivers.Native;

/// <summary>The kernel's id for the calling thread, as listed under /proc/self/task/.</summary>
public static partial class OsThread
{
    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int GetTid();
}
