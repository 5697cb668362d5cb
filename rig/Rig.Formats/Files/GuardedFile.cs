using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rig.Formats.Files;

/// <summary>
/// The one way rig reads an input file (plan, bench, profile, scheme, lab file, word list,
/// transcript, template, firmware image): only a regular file, at most a given size, in bounded
/// chunks that a cancellation token can stop. A FIFO, a device (/dev/zero) or a folder is refused
/// before a byte is read, so no input can block the rig or make it grow.
/// </summary>
public static partial class GuardedFile
{
    private const int O_RDONLY = 0x0;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 0x1;
    private const uint STATX_SIZE = 0x200;
    private const int S_IFMT = 0xF000;
    private const int S_IFREG = 0x8000;
    private const int S_IFDIR = 0x4000;
    private const int Chunk = 64 * 1024;

    /// <summary>All bytes of a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="displayName">How errors name the file (the path as the user wrote it).</param>
    /// <exception cref="RefusedFileException">Missing, unreadable, not a regular file, or too large.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static byte[] ReadAll(string path, long maxBytes, string? displayName = null, CancellationToken ct = default)
    {
        string name = displayName ?? path;
        using SafeFileHandle handle = OpenRegular(path, name, maxBytes, out long length);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var content = new MemoryStream((int)Math.Min(length, maxBytes));
        byte[] buffer = new byte[Chunk];
        int n;
        try
        {
            while ((n = stream.Read(buffer)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                content.Write(buffer, 0, n);
                if (content.Length > maxBytes)
                {
                    throw TooLarge(name, maxBytes); // the file grew while we read it
                }
            }
        }
        catch (IOException e) when (e is not RefusedFileException)
        {
            throw new RefusedFileException(name, $"cannot read: {e.Message}");
        }

        return content.ToArray();
    }

    /// <summary>Checks that a file could be read by <see cref="ReadAll"/> without reading it (for files read later, e.g. templates).</summary>
    /// <exception cref="RefusedFileException">Missing, unreadable, not a regular file, or too large.</exception>
    public static void Check(string path, long maxBytes, string? displayName = null)
    {
        using SafeFileHandle handle = OpenRegular(path, displayName ?? path, maxBytes, out _);
    }

    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the open descriptor, so a swap after the check cannot matter.
    private static SafeFileHandle OpenRegular(string path, string name, long maxBytes, out long length)
    {
        int fd = Open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new RefusedFileException(name, errno switch
            {
                2 or 20 => "no such file",
                13 or 1 => "permission denied",
                _ => $"cannot open ({Marshal.GetPInvokeErrorMessage(errno)})",
            });
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            Span<byte> stx = stackalloc byte[256];
            if (Statx(fd, string.Empty, AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, ref MemoryMarshal.GetReference(stx)) != 0)
            {
                throw new RefusedFileException(name, $"cannot inspect ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }

            int mode = BitConverter.ToUInt16(stx[28..]);
            length = (long)BitConverter.ToUInt64(stx[40..]);
            if ((mode & S_IFMT) != S_IFREG)
            {
                throw new RefusedFileException(name, (mode & S_IFMT) == S_IFDIR ? "is a folder, not a file" : "not a regular file (a FIFO, device or socket is refused)");
            }

            if (length > maxBytes)
            {
                throw TooLarge(name, maxBytes);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The absolute path with every symlink, "." and ".." resolved (realpath(3)); null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        nint resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    private static RefusedFileException TooLarge(string name, long maxBytes) =>
        new(name, $"larger than {Size(maxBytes)}; refused") { TooLarge = true };

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    // statx's layout is the same on every architecture (unlike struct stat): mode at 28, size at 40.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}

/// <summary>An input file rig will not read: missing, not a regular file, too large. The message is one line: <c>file: reason</c>.</summary>
public sealed class RefusedFileException(string file, string reason) : IOException($"{file}: {reason}")
{
    public string File { get; } = file;

    /// <summary>The reason without the file name.</summary>
    public string Reason { get; } = reason;

    /// <summary>Refused for its size alone.</summary>
    public bool TooLarge { get; init; }
}
