using Rig.Drivers.Native;

namespace Rig.Drivers.Gpio;

/// <summary>A line request fd from GPIO_V2_GET_LINE_IOCTL; closing it releases the line.</summary>
/// <remarks>
/// Calls are serialised with disposal: an ioctl on a closed fd number could reach whatever file
/// reused that number.
/// </remarks>
internal sealed unsafe class GpioCharDevLine(int fd, string describe, uint offset, bool activeLow) : IGpioOutputLine
{
    private readonly object _gate = new();
    private int _fd = fd;

    public string Describe { get; } = describe;

    public uint Offset { get; } = offset;

    public bool ActiveLow { get; } = activeLow;

    public void Set(bool active)
    {
        // Bit 0 is this request's only line, offsets[0].
        var values = new GpioV2LineValues { Bits = active ? 1UL : 0UL, Mask = 1 };
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_fd < 0, this);
            if (Libc.Ioctl(_fd, GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL, &values) != 0)
            {
                throw Errors.Io($"{Describe}: set {(active ? "active" : "inactive")}", Libc.Errno);
            }
        }
    }

    public bool Get()
    {
        var values = new GpioV2LineValues { Mask = 1 };
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_fd < 0, this);
            if (Libc.Ioctl(_fd, GpioUapi.GPIO_V2_LINE_GET_VALUES_IOCTL, &values) != 0)
            {
                throw Errors.Io($"{Describe}: read back", Libc.Errno);
            }
        }

        return (values.Bits & 1) != 0;
    }

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
