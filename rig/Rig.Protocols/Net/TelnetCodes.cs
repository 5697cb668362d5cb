namespace Rig.Protocols.Net;

/// <summary>Telnet command and option codes (RFC 854, 855, 857, 858, 1073, 1091).</summary>
public static class TelnetCodes
{
    public const byte Se = 240;
    public const byte Nop = 241;
    public const byte Sb = 250;
    public const byte Will = 251;
    public const byte Wont = 252;
    public const byte Do = 253;
    public const byte Dont = 254;
    public const byte Iac = 255;

    public const byte OptEcho = 1;
    public const byte OptSuppressGoAhead = 3;
    public const byte OptTerminalType = 24;
    public const byte OptWindowSize = 31;

    /// <summary>True for WILL, WONT, DO and DONT: the verbs that carry an option byte.</summary>
    public static bool IsNegotiation(byte verb) => verb is Will or Wont or Do or Dont;

    /// <summary>Data made safe for the wire: each 0xFF doubled (IAC IAC), so the peer reads it as data, not a command.</summary>
    public static byte[] EscapeIac(ReadOnlySpan<byte> data)
    {
        int iacs = data.Count(Iac);
        byte[] escaped = new byte[data.Length + iacs];
        if (iacs == 0)
        {
            data.CopyTo(escaped);
            return escaped;
        }

        int j = 0;
        foreach (byte b in data)
        {
            escaped[j++] = b;
            if (b == Iac)
            {
                escaped[j++] = Iac;
            }
        }

        return escaped;
    }
}

/// <summary>One option negotiation received from the peer: a verb (WILL, WONT, DO, DONT) and an option.</summary>
public readonly record struct TelnetCommand(byte Verb, byte Option);
