namespace Rig.Formats.Firmware;

/// <summary>An image that cannot be read: bad magic, impossible lengths, a hash mismatch, trailing data.</summary>
public sealed class FirmwareFormatException(string message) : Exception(message);
