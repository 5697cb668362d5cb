namespace Rig.Drivers.Native;

/// <summary>Turns an errno into an exception whose message names the call and the C library's reason.</summary>
public static class Errors
{
    public static IOException Io(string what, int errno) =>
        new NativeIOException($"{what}: {Libc.StrError(errno)}", errno);
}

/// <summary>An I/O failure that keeps its errno, so callers can tell EIO (hung up) from EBUSY or ENOENT.</summary>
public sealed class NativeIOException(string message, int errno) : IOException(message)
{
    public int Errno { get; } = errno;
}
