using Microsoft.Win32.SafeHandles;

namespace Rig.Reports.Signing;

/// <summary>Refuses a private key file that anyone but its owner can read or write.</summary>
internal static class KeyFileMode
{
    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Checks the mode of the already opened file, so a swap between check and read cannot slip by.</summary>
    public static void RequireOwnerOnly(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("lab keys need Unix file modes");
        }

        UnixFileMode mode = File.GetUnixFileMode(handle);
        if ((mode & (Group | Others)) == 0)
        {
            return;
        }

        string access = (mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0
            ? (mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 ? "readable and writable" : "readable"
            : "writable";
        string who = (mode & Group) != 0
            ? (mode & Others) != 0 ? "group and others" : "group"
            : "others";
        throw new LabKeyException($"{path} is {access} by {who} (mode {Octal(mode)}); chmod 600 it");
    }

    internal static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
