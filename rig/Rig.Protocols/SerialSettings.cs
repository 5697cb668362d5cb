namespace Rig.Protocols;

/// <summary>How a slot's console is opened: any tty path (USB adapter, Pi UART, pty), raw 8N1.</summary>
/// <param name="Path">The device node, ideally a stable /dev/serial/by-id/ name; may be absent until the device is powered.</param>
/// <param name="Baud">Any rate; set through TCSETS2/BOTHER, read back and journaled.</param>
/// <param name="Exclusive">TIOCEXCL after open, so a second non-root opener gets EBUSY.</param>
public sealed record SerialSettings(string Path, int Baud = 115200, bool Exclusive = true);
