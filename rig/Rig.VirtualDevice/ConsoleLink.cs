namespace Rig.VirtualDevice;

/// <summary>The symbolic link at the console path that points at the device's pseudo-terminal while it is powered.</summary>
/// <remarks>
/// The link is made under a temporary name and renamed over the path, so the rig sees either the
/// old link or the new one, never a missing or half-made one. After SIGKILL the link dangles,
/// which the rig's console treats as an absent device node.
/// </remarks>
internal static class ConsoleLink
{
    /// <summary>Points <paramref name="linkPath"/> at <paramref name="target"/>, replacing a stale link.</summary>
    /// <exception cref="IOException">The path is something other than a link (never replaced), or the OS refused.</exception>
    public static void Point(string linkPath, string target)
    {
        var existing = new FileInfo(linkPath);
        if (existing.Exists || Directory.Exists(linkPath))
        {
            if (existing.LinkTarget is null)
            {
                throw new IOException($"console {linkPath}: exists and is not a symbolic link; refusing to replace it");
            }
        }

        string dir = Path.GetDirectoryName(linkPath) ?? "/";
        string tmp = Path.Combine(dir, $".{Path.GetFileName(linkPath)}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            File.Delete(tmp);
            File.CreateSymbolicLink(tmp, target);
            VdevNative.Rename(tmp, linkPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(tmp);
            throw new IOException($"console {linkPath}: cannot link it to {target}: {e.Message}", e);
        }
    }

    /// <summary>Removes the link on a clean power-off, unless another device has replaced it meanwhile.</summary>
    public static void RemoveIfOurs(string linkPath, string target)
    {
        try
        {
            if (new FileInfo(linkPath).LinkTarget == target)
            {
                File.Delete(linkPath);
            }
        }
        catch (IOException)
        {
            // best effort: a dangling link is what a killed device leaves anyway
        }
    }
}
