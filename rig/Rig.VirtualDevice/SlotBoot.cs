namespace Rig.VirtualDevice;

/// <summary>What the bootloader decided at power-on: which firmware runs, what it prints, or that it cannot boot.</summary>
/// <param name="Lines">U-Boot lines about the slots (boot count, fallback, CRC errors).</param>
/// <param name="Bricked">No bootable image: U-Boot stops after its error, no kernel, no shell.</param>
/// <param name="Confirm">Called once userspace is up: marks a trial slot good (RAUC's mark-good).</param>
internal sealed record SlotBoot(string Version, string Slot, IReadOnlyList<string> Lines, bool Bricked, Action Confirm);
