using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rig.Drivers.Gpio;

// The kernel structs of uAPI v2, field for field. Explicit offsets rather than Sequential: the
// u64 members must sit at 8-byte offsets on armhf too, where the runtime's own alignment differs.

/// <summary>struct gpiochip_info (68 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GpioChipInfo
{
    public fixed byte Name[GpioUapi.MaxNameSize];
    public fixed byte Label[GpioUapi.MaxNameSize];
    public uint Lines;
}

/// <summary>struct gpio_v2_line_values (16 bytes): bits and mask indexed by position in the request's offsets[].</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioV2LineValues
{
    [FieldOffset(0)] public ulong Bits;
    [FieldOffset(8)] public ulong Mask;
}

/// <summary>struct gpio_v2_line_attribute (16 bytes): id selects which member of the union is meant.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct GpioV2LineAttribute
{
    [FieldOffset(0)] public uint Id;
    [FieldOffset(4)] public uint Padding;
    [FieldOffset(8)] public ulong Flags;
    [FieldOffset(8)] public ulong Values;
    [FieldOffset(8)] public uint DebouncePeriodUs;
}

/// <summary>struct gpio_v2_line_config_attribute (24 bytes): an attribute and the lines (by position) it applies to.</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct GpioV2LineConfigAttribute
{
    [FieldOffset(0)] public GpioV2LineAttribute Attr;
    [FieldOffset(16)] public ulong Mask;
}

[InlineArray(GpioUapi.LineNumAttrsMax)]
internal struct GpioV2LineConfigAttributes
{
    private GpioV2LineConfigAttribute _first;
}

[InlineArray(GpioUapi.LineNumAttrsMax)]
internal struct GpioV2LineAttributes
{
    private GpioV2LineAttribute _first;
}

/// <summary>struct gpio_v2_line_config (272 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 272)]
internal unsafe struct GpioV2LineConfig
{
    [FieldOffset(0)] public ulong Flags;
    [FieldOffset(8)] public uint NumAttrs;
    [FieldOffset(12)] public fixed uint Padding[5];
    [FieldOffset(32)] public GpioV2LineConfigAttributes Attrs;
}

/// <summary>struct gpio_v2_line_request (592 bytes): in, the lines and their config; out, the request fd.</summary>
[StructLayout(LayoutKind.Explicit, Size = 592)]
internal unsafe struct GpioV2LineRequest
{
    [FieldOffset(0)] public fixed uint Offsets[GpioUapi.LinesMax];
    [FieldOffset(256)] public fixed byte Consumer[GpioUapi.MaxNameSize];
    [FieldOffset(288)] public GpioV2LineConfig Config;
    [FieldOffset(560)] public uint NumLines;
    [FieldOffset(564)] public uint EventBufferSize;
    [FieldOffset(568)] public fixed uint Padding[5];
    [FieldOffset(588)] public int Fd;
}

/// <summary>struct gpio_v2_line_info (256 bytes): set Offset, then GET_LINEINFO fills the rest.</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal unsafe struct GpioV2LineInfo
{
    [FieldOffset(0)] public fixed byte Name[GpioUapi.MaxNameSize];
    [FieldOffset(32)] public fixed byte Consumer[GpioUapi.MaxNameSize];
    [FieldOffset(64)] public uint Offset;
    [FieldOffset(68)] public uint NumAttrs;
    [FieldOffset(72)] public ulong Flags;
    [FieldOffset(80)] public GpioV2LineAttributes Attrs;
    [FieldOffset(240)] public fixed uint Padding[4];
}
