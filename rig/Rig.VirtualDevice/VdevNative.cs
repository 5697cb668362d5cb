using System.Runtime.InteropServices;
using Rig.Drivers.Native;

namespace Rig.VirtualDevice;

/// <summary>The libc calls the device needs beyond Rig.Drivers' Libc: process detachment, fd plumbing, atomic rename.</summary>
internal static partial class VdevNative
{
    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameNative(string from, string to);

    /// <summary>rename(2): atomic replacement of <paramref name="to"/>, which a reader sees either old or new.</summary>
    public static void Rename(string from, string to)
    {
        if (RenameNative(from, to) != 0)
        {
            throw Errors.Io($"rename {from} -> {to}", Libc.Errno);
        }
    }
}
