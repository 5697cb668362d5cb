namespace Rig.VirtualDevice;

/// <summary>The firmware asked for a reboot: the console thread starts a new boot on the same pty.</summary>
internal sealed class DeviceRebootException(string why) : Exception(why);
