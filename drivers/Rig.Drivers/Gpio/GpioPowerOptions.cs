namespace Rig.Drivers.Gpio;

/// <summary>A relay on one GPIO line of a Linux GPIO character device.</summary>
/// <param name="Chip">A chip label (e.g. pinctrl-bcm2711, pinctrl-rp1) or a path (/dev/gpiochip0). Labels survive renumbering.</param>
/// <param name="Line">The line offset on that chip (the BCM GPIO number on a Pi).</param>
/// <param name="ActiveLow">True for relay modules that switch on when the pin is driven low.</param>
public sealed record GpioPowerOptions(string Chip, uint Line, bool ActiveLow = false, string Consumer = "rig");
