namespace Rig.VirtualDevice;

/// <summary>Where a login or shell session talks: the serial console or one telnet connection.</summary>
/// <remarks>Blocking by design: each session owns one thread, like a getty or a telnetd child.</remarks>
internal interface ITerminal
{
    /// <summary>Whether the device should echo typed characters (a telnet client may echo locally instead).</summary>
    bool EchoesInput { get; }

    /// <summary>Writes text; chars map one-to-one to bytes (Latin-1) so echoed input goes back unchanged.</summary>
    void Write(string text);

    /// <summary>Waits for input bytes; 0 means the terminal is gone (hung up, closed, timed out).</summary>
    int Read(Span<byte> buffer);
}
