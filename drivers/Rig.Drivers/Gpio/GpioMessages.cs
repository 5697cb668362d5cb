using Rig.Drivers.Native;

namespace Rig.Drivers.Gpio;

/// <summary>One-line error messages shared by the real and the fake chip, so both fail alike.</summary>
internal static class GpioMessages
{
    public static string Chip(string name, string label) => label.Length == 0 ? name : $"{name} [{label}]";

    public static string Line(string chip, uint offset) => $"{chip} line {offset}";

    public static NativeIOException Busy(string line, string? consumer)
    {
        string holder = string.IsNullOrEmpty(consumer) ? "an unnamed consumer" : $"\"{consumer}\"";
        return new NativeIOException(
            $"{line} is busy: held by {holder} ({Libc.StrError(Libc.EBUSY)})", Libc.EBUSY);
    }

    public static IOException OutOfRange(string chip, uint offset, uint lineCount) =>
        new NativeIOException($"{chip} has lines 0-{lineCount - 1}; line {offset} does not exist", Libc.EINVAL);

    /// <summary>The usual cause of EACCES/EPERM on a Pi is a user outside the gpio group.</summary>
    public static string AccessHint(int errno) =>
        errno is Libc.EACCES or Libc.EPERM
            ? "; the user needs read-write access to the device node (group gpio on Raspberry Pi OS)"
            : "";

    /// <summary>Kernel strings are NUL-terminated in fixed fields; control characters are shown escaped.</summary>
    public static unsafe string FromFixed(byte* field, int size)
    {
        var span = new ReadOnlySpan<byte>(field, size);
        int nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            span = span[..nul];
        }

        var text = System.Text.Encoding.UTF8.GetString(span);
        return string.Create(text.Length, text, static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = char.IsControl(src[i]) ? '?' : src[i];
            }
        });
    }

    /// <summary>Copies at most size-1 bytes of UTF-8, cut on a character boundary, NUL-terminated.</summary>
    public static unsafe void ToFixed(string text, byte* field, int size)
    {
        var dst = new Span<byte>(field, size);
        dst.Clear();
        var utf8 = System.Text.Encoding.UTF8;
        int chars = text.Length;
        while (utf8.GetByteCount(text.AsSpan(0, chars)) > size - 1)
        {
            chars--;
            if (chars > 0 && char.IsLowSurrogate(text[chars]))
            {
                chars--;
            }
        }

        utf8.GetBytes(text.AsSpan(0, chars), dst);
    }
}
