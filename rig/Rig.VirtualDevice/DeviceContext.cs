namespace Rig.VirtualDevice;

/// <summary>What every part of a running device knows: its options, its personality and what it read from flash at power-on.</summary>
internal sealed record DeviceContext(
    VdevOptions Options,
    int BootCount,
    string FirmwareVersion,
    string? RootPassword,
    DeviceLog Log,
    SlotBoot? Slots = null)
{
    public Personality Personality => Options.Personality;

    /// <summary>A delay of the boot script, scaled by --boot-scale.</summary>
    public TimeSpan Boot(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds * Options.BootScale);
}
