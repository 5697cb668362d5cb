using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// The SSH transport of one connection (RFC 4253 §4-6): the version lines, then binary packets,
/// in clear until each direction's NEWKEYS and then under the negotiated cipher. Every read is
/// bounded: a packet is at most <see cref="MaxPacket"/> bytes, a version line 255, and no read
/// waits past <see cref="Deadline"/> or <see cref="IdleLimit"/>.
/// </summary>
internal sealed class SshPacketStream(Socket socket) : IDisposable
{
    /// <summary>RFC 4253 §6.1: implementations must take packets of 35000 bytes in total; larger ones are refused before they are read.</summary>
    public const int MaxPacket = 35000;
    public const int MaxVersionLine = 255;

    private SshCipher _in = SshNoCipher.Instance;
    private SshCipher _out = SshNoCipher.Instance;
    private uint _seqIn;
    private uint _seqOut;

    public string ClientVersion { get; private set; } = "";

    public string ServerVersion { get; private set; } = "";

    /// <summary>Sequence number of the last packet read, for SSH_MSG_UNIMPLEMENTED.</summary>
    public uint LastSequence { get; private set; }

    /// <summary>An absolute end (Environment.TickCount64 ms) for the whole handshake, like sshd's LoginGraceTime; null after login.</summary>
    public long? Deadline { get; set; }

    /// <summary>Longest silence of the client in one read.</summary>
    public TimeSpan IdleLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Sends our version line and reads the client's, which must be SSH-2.0 (or 1.99).</summary>
    public void ExchangeVersions(string serverVersion)
    {
        ServerVersion = serverVersion;
        SendRaw(Encoding.ASCII.GetBytes(serverVersion + "\r\n"));
        var line = new List<byte>();
        Span<byte> b = stackalloc byte[1];
        while (true)
        {
            ReadExactly(b);
            if (b[0] == '\n')
            {
                break;
            }

            if (line.Count >= MaxVersionLine)
            {
                throw new SshProtocolException("version line longer than 255 bytes");
            }

            line.Add(b[0]);
        }

        string text = Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
        if (!text.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !text.StartsWith("SSH-1.99-", StringComparison.Ordinal))
        {
            SendRaw("Invalid SSH identification string.\r\n"u8.ToArray()); // what sshd answers a non-SSH client
            throw new SshProtocolException($"not an SSH-2 client: '{DeviceLog.Safe(text)}'");
        }

        ClientVersion = text;
    }

    /// <summary>Reads one packet and returns its payload (message number first).</summary>
    /// <exception cref="SshProtocolException">Bad length, padding or MAC.</exception>
    /// <exception cref="IOException">The client went away or was silent too long.</exception>
    public byte[] Read()
    {
        byte[] first = new byte[_in.FirstBlock];
        ReadExactly(first);
        uint length = _in.ReadLength(first);
        int align = _in.LengthIsAligned ? 4 : 0;
        if (length < 5 || length > MaxPacket - 4 || (length + align) % _in.BlockSize != 0 || length + 4 < first.Length)
        {
            throw new SshProtocolException($"bad packet length {length}");
        }

        byte[] packet = new byte[4 + length];
        first.CopyTo(packet, 0);
        ReadExactly(packet.AsSpan(first.Length));
        byte[] trailer = new byte[_in.TrailerSize];
        ReadExactly(trailer);
        LastSequence = _seqIn;
        _in.Open(packet, trailer, _seqIn++);
        int padding = packet[4];
        int payload = (int)length - padding - 1;
        if (padding < 4 || payload < 1)
        {
            throw new SshProtocolException($"bad padding length {padding}");
        }

        return packet.AsSpan(5, payload).ToArray();
    }

    public void Write(byte[] payload)
    {
        int block = _out.BlockSize;
        int align = _out.LengthIsAligned ? 4 : 0;
        int padding = block - ((align + 1 + payload.Length) % block);
        if (padding < 4)
        {
            padding += block;
        }

        byte[] packet = new byte[4 + 1 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(packet.Length - 4));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        RandomNumberGenerator.Fill(packet.AsSpan(5 + payload.Length));
        SendRaw(_out.Seal(packet, _seqOut++));
    }

    /// <summary>After our NEWKEYS: what we send from now on uses <paramref name="cipher"/>.</summary>
    public void SwitchOutgoing(SshCipher cipher, bool resetSequence) => Replace(ref _out, ref _seqOut, cipher, resetSequence);

    /// <summary>After the client's NEWKEYS.</summary>
    public void SwitchIncoming(SshCipher cipher, bool resetSequence) => Replace(ref _in, ref _seqIn, cipher, resetSequence);

    /// <summary>Best effort: tells the client why we hang up.</summary>
    public void Disconnect(uint reason, string description)
    {
        try
        {
            Write(new SshWriter(SshMsg.Disconnect).UInt32(reason).String(description).String("").ToArray());
        }
        catch (IOException)
        {
            // the client is gone already
        }
    }

    public void Dispose()
    {
        SwitchIncoming(SshNoCipher.Instance, false);
        SwitchOutgoing(SshNoCipher.Instance, false);
    }

    private static void Replace(ref SshCipher slot, ref uint sequence, SshCipher cipher, bool resetSequence)
    {
        if (slot != SshNoCipher.Instance)
        {
            slot.Dispose();
        }

        slot = cipher;
        if (resetSequence)
        {
            sequence = 0; // strict kex: numbering restarts with the new keys
        }
    }

    private void SendRaw(byte[] data)
    {
        try
        {
            socket.Send(data);
        }
        catch (SocketException e)
        {
            throw new IOException($"send failed: {e.Message}", e);
        }
    }

    private void ReadExactly(Span<byte> buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            TimeSpan wait = IdleLimit;
            if (Deadline is { } end)
            {
                long left = end - Environment.TickCount64;
                if (left <= 0)
                {
                    throw new SshTimeoutException("the handshake took too long");
                }

                wait = TimeSpan.FromMilliseconds(Math.Min(left, wait.TotalMilliseconds));
            }

            socket.ReceiveTimeout = Math.Max(1, (int)wait.TotalMilliseconds);
            int n;
            try
            {
                n = socket.Receive(buffer[done..]);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                throw new SshTimeoutException(Deadline is null ? $"idle for {IdleLimit.TotalSeconds:0} s" : "the handshake took too long");
            }
            catch (SocketException e)
            {
                throw new IOException($"receive failed: {e.Message}", e);
            }

            if (n == 0)
            {
                throw new EndOfStreamException("the client closed the connection");
            }

            done += n;
        }
    }
}

/// <summary>The client was silent too long, or the handshake ran past its grace time.</summary>
internal sealed class SshTimeoutException(string message) : IOException(message);
