namespace Rig.VirtualDevice;

/// <summary>Where a power-on or a self-reboot asks the flash which firmware runs.</summary>
internal static class FirmwareBoot
{
    /// <summary>The device as its bootloader finds it: the slot decision and the firmware version it boots.</summary>
    public static DeviceContext Start(DeviceContext device)
    {
        var flash = new FlashSlots(device.Options.StateDir, UpdateDesign.For(device.Personality), device.FirmwareVersion);
        SlotBoot boot = flash.PowerOn();
        device.Log.Write($"bootloader: slot {boot.Slot}, firmware {boot.Version}{(boot.Bricked ? ", no bootable image" : string.Empty)}");
        return device with { FirmwareVersion = boot.Version, Slots = boot };
    }

    /// <summary>A reboot the firmware asked for: a new boot count and a new bootloader decision, same process and pty.</summary>
    public static DeviceContext Restart(DeviceContext device)
    {
        var store = new StateStore(device.Options.StateDir);
        int boots = store.IncrementBootCount();
        device.Log.Write($"reboot: boot {boots}");
        return Start(device with { BootCount = boots, FirmwareVersion = store.FirmwareVersion() });
    }
}
