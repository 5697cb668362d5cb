using System.Buffers.Binary;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>Message numbers of RFC 4250 §4.1 that the camera's sshd speaks.</summary>
internal static class SshMsg
{
    public const byte Disconnect = 1;
    public const byte Ignore = 2;
    public const byte Unimplemented = 3;
    public const byte Debug = 4;
    public const byte ServiceRequest = 5;
    public const byte ServiceAccept = 6;
    public const byte KexInit = 20;
    public const byte NewKeys = 21;
    public const byte KexEcdhInit = 30;
    public const byte KexEcdhReply = 31;
    public const byte UserauthRequest = 50;
    public const byte UserauthFailure = 51;
    public const byte UserauthSuccess = 52;
    public const byte GlobalRequest = 80;
    public const byte RequestFailure = 82;
    public const byte ChannelOpen = 90;
    public const byte ChannelOpenConfirmation = 91;
    public const byte ChannelOpenFailure = 92;
    public const byte ChannelWindowAdjust = 93;
    public const byte ChannelData = 94;
    public const byte ChannelExtendedData = 95;
    public const byte ChannelEof = 96;
    public const byte ChannelClose = 97;
    public const byte ChannelRequest = 98;
    public const byte ChannelSuccess = 99;
    public const byte ChannelFailure = 100;

    // Disconnect reason codes (RFC 4250 §4.2.2).
    public const uint ProtocolError = 2;
    public const uint KeyExchangeFailed = 3;
    public const uint MacError = 5;
    public const uint ServiceNotAvailable = 7;
    public const uint NoMoreAuthMethods = 14;
}

/// <summary>The peer broke the protocol; the message goes into a DISCONNECT and the device log.</summary>
internal sealed class SshProtocolException(string message, uint reason = SshMsg.ProtocolError) : Exception(message)
{
    public uint Reason => reason;
}

/// <summary>Builds a message payload in the encodings of RFC 4251 §5.</summary>
internal sealed class SshWriter
{
    private readonly MemoryStream _buffer = new();

    /// <summary>A payload that starts with <paramref name="message"/>; with <paramref name="withType"/> false, a bare encoding (a key blob, a hash input).</summary>
    public SshWriter(byte message = 0, bool withType = true)
    {
        if (withType)
        {
            _buffer.WriteByte(message);
        }
    }

    public SshWriter Byte(byte b)
    {
        _buffer.WriteByte(b);
        return this;
    }

    public SshWriter Bool(bool b) => Byte(b ? (byte)1 : (byte)0);

    public SshWriter UInt32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        _buffer.Write(b);
        return this;
    }

    public SshWriter Bytes(ReadOnlySpan<byte> data)
    {
        _buffer.Write(data);
        return this;
    }

    public SshWriter String(ReadOnlySpan<byte> data) => UInt32((uint)data.Length).Bytes(data);

    public SshWriter String(string text) => String(Encoding.UTF8.GetBytes(text));

    /// <summary>A non-negative integer from its unsigned big-endian bytes: leading zeros dropped, a 0 byte added when the top bit is set.</summary>
    public SshWriter MPInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        int start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        ReadOnlySpan<byte> v = unsignedBigEndian[start..];
        bool pad = v.Length > 0 && (v[0] & 0x80) != 0;
        UInt32((uint)(v.Length + (pad ? 1 : 0)));
        if (pad)
        {
            _buffer.WriteByte(0);
        }

        return Bytes(v);
    }

    public byte[] ToArray() => _buffer.ToArray();
}

/// <summary>Reads a received payload; every length is checked against what is left, so a hostile peer gets an exception, never a huge allocation.</summary>
internal ref struct SshReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public readonly bool AtEnd => _pos == _data.Length;

    public byte Byte()
    {
        Need(1);
        return _data[_pos++];
    }

    public bool Bool() => Byte() != 0;

    public ReadOnlySpan<byte> Bytes(int n)
    {
        Need(n);
        ReadOnlySpan<byte> b = _data.Slice(_pos, n);
        _pos += n;
        return b;
    }

    public uint UInt32()
    {
        Need(4);
        uint v = BinaryPrimitives.ReadUInt32BigEndian(_data[_pos..]);
        _pos += 4;
        return v;
    }

    public ReadOnlySpan<byte> String()
    {
        uint n = UInt32();
        if (n > (uint)(_data.Length - _pos))
        {
            throw new SshProtocolException($"a string of {n} bytes in a message with {_data.Length - _pos} left");
        }

        ReadOnlySpan<byte> s = _data.Slice(_pos, (int)n);
        _pos += (int)n;
        return s;
    }

    /// <summary>A text field (user name, method, request type); bytes outside UTF-8 become U+FFFD.</summary>
    public string Text() => Encoding.UTF8.GetString(String());

    public string[] NameList()
    {
        string list = Encoding.ASCII.GetString(String());
        return list.Length == 0 ? [] : list.Split(',');
    }

    private readonly void Need(int n)
    {
        if (_data.Length - _pos < n)
        {
            throw new SshProtocolException("a message ended too early");
        }
    }
}
