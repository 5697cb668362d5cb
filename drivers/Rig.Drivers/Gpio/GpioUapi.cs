namespace Rig.Drivers.Gpio;

/// <summary>ioctl numbers, flags and ids of the Linux GPIO character device, uAPI v2 (linux/gpio.h).</summary>
/// <remarks>
/// The numbers are the same on x86_64, arm64 and armhf because every struct has explicit padding.
/// A test compiles linux/gpio.h and compares each value here with the C compiler's.
/// </remarks>
internal static class GpioUapi
{
    public const int MaxNameSize = 32;
    public const int LinesMax = 64;
    public const int LineNumAttrsMax = 10;

    // _IOR/_IOWR(0xB4, nr, struct ...): direction and struct size are encoded in the number.
    public const uint GPIO_GET_CHIPINFO_IOCTL = 0x8044B401;
    public const uint GPIO_V2_GET_LINEINFO_IOCTL = 0xC100B405;
    public const uint GPIO_V2_GET_LINE_IOCTL = 0xC250B407;
    public const uint GPIO_V2_LINE_SET_CONFIG_IOCTL = 0xC110B40D;
    public const uint GPIO_V2_LINE_GET_VALUES_IOCTL = 0xC010B40E;
    public const uint GPIO_V2_LINE_SET_VALUES_IOCTL = 0xC010B40F;

    public const ulong GPIO_V2_LINE_FLAG_USED = 1UL << 0;
    public const ulong GPIO_V2_LINE_FLAG_ACTIVE_LOW = 1UL << 1;
    public const ulong GPIO_V2_LINE_FLAG_INPUT = 1UL << 2;
    public const ulong GPIO_V2_LINE_FLAG_OUTPUT = 1UL << 3;

    public const uint GPIO_V2_LINE_ATTR_ID_FLAGS = 1;
    public const uint GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES = 2;
    public const uint GPIO_V2_LINE_ATTR_ID_DEBOUNCE = 3;
}
