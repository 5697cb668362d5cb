using Rig.Drivers.Native;

namespace Rig.Drivers.Gpio;

/// <summary>A GPIO chip through the Linux character device (/dev/gpiochipN) and the uAPI v2 ioctls.</summary>
public sealed unsafe class GpioCharDevChip : IGpioChip
{
    private readonly object _gate = new();
    private int _fd;

    private GpioCharDevChip(int fd, string path, string name, string label, uint lineCount)
    {
        _fd = fd;
        Path = path;
        Name = name;
        Label = label;
        LineCount = lineCount;
    }

    /// <summary>The device node this chip was opened through.</summary>
    public string Path { get; }

    public string Name { get; }

    public string Label { get; }

    public uint LineCount { get; }

    private string Display => GpioMessages.Chip(Name, Label);

    /// <summary>Opens a chip by label (e.g. pinctrl-rp1) or, when the text contains a '/', by device path.</summary>
    /// <exception cref="IOException">No such chip (the message lists the chips found), or it cannot be opened.</exception>
    public static GpioCharDevChip Open(string labelOrPath) =>
        labelOrPath.Contains('/') ? OpenPath(labelOrPath) : GpioChipFinder.OpenByLabel(labelOrPath, "/dev");

    /// <summary>Opens the chip at a device path such as /dev/gpiochip0.</summary>
    /// <exception cref="IOException">The node is missing, not accessible, or not a GPIO chip.</exception>
    public static GpioCharDevChip OpenPath(string path)
    {
        int fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            int errno = Libc.Errno;
            throw new NativeIOException($"open {path}: {Libc.StrError(errno)}{GpioMessages.AccessHint(errno)}", errno);
        }

        GpioChipInfo info;
        if (Libc.Ioctl(fd, GpioUapi.GPIO_GET_CHIPINFO_IOCTL, &info) != 0)
        {
            int errno = Libc.Errno;
            Libc.Close(fd);
            string what = errno == Libc.ENOTTY ? "not a GPIO chip" : "GET_CHIPINFO failed";
            throw new NativeIOException($"{path}: {what} ({Libc.StrError(errno)})", errno);
        }

        return new GpioCharDevChip(
            fd,
            path,
            GpioMessages.FromFixed(info.Name, GpioUapi.MaxNameSize),
            GpioMessages.FromFixed(info.Label, GpioUapi.MaxNameSize),
            info.Lines);
    }

    public IGpioOutputLine RequestOutput(uint offset, bool activeLow, bool initialActive, string consumer)
    {
        string line = GpioMessages.Line(Display, offset);
        if (offset >= LineCount)
        {
            throw GpioMessages.OutOfRange(Display, offset, LineCount);
        }

        GpioV2LineRequest req = default;
        req.Offsets[0] = offset;
        req.NumLines = 1;
        GpioMessages.ToFixed(consumer, req.Consumer, GpioUapi.MaxNameSize);
        req.Config.Flags = GpioUapi.GPIO_V2_LINE_FLAG_OUTPUT | (activeLow ? GpioUapi.GPIO_V2_LINE_FLAG_ACTIVE_LOW : 0);
        // The output value travels in the same request, so the line never shows another level first.
        req.Config.NumAttrs = 1;
        req.Config.Attrs[0].Attr.Id = GpioUapi.GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
        req.Config.Attrs[0].Attr.Values = initialActive ? 1UL : 0UL;
        req.Config.Attrs[0].Mask = 1; // bit 0 = offsets[0]

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_fd < 0, this);
            if (Libc.Ioctl(_fd, GpioUapi.GPIO_V2_GET_LINE_IOCTL, &req) != 0)
            {
                int errno = Libc.Errno;
                if (errno == Libc.EBUSY)
                {
                    throw GpioMessages.Busy(line, ConsumerOf(offset));
                }

                throw new NativeIOException(
                    $"{line}: request as output failed: {Libc.StrError(errno)}{GpioMessages.AccessHint(errno)}", errno);
            }
        }

        return new GpioCharDevLine(req.Fd, line, offset, activeLow);
    }

    /// <summary>Who holds a line, from GET_LINEINFO; null when it cannot be told.</summary>
    private string? ConsumerOf(uint offset)
    {
        GpioV2LineInfo info = default;
        info.Offset = offset;
        if (Libc.Ioctl(_fd, GpioUapi.GPIO_V2_GET_LINEINFO_IOCTL, &info) != 0)
        {
            return null;
        }

        return GpioMessages.FromFixed(info.Consumer, GpioUapi.MaxNameSize);
    }

    /// <summary>Closes the chip handle; lines already requested stay held.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                Libc.Close(_fd);
                _fd = -1;
            }
        }
    }
}
