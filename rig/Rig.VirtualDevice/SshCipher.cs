using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Rig.VirtualDevice;

/// <summary>
/// How one direction of the connection protects its packets (RFC 4253 §6): the first bytes tell the
/// packet's length, the rest is decrypted and checked once all of it has arrived.
/// </summary>
internal abstract class SshCipher : IDisposable
{
    /// <summary>What the padded packet must be a multiple of.</summary>
    public abstract int BlockSize { get; }

    /// <summary>Bytes to read before the length is known: 4 when the length travels in clear, a cipher block otherwise.</summary>
    public abstract int FirstBlock { get; }

    /// <summary>Whether the 4-byte length counts towards the block alignment (not for AES-GCM, where it is only authenticated).</summary>
    public virtual bool LengthIsAligned => true;

    /// <summary>Bytes after the packet: the GCM tag or the MAC.</summary>
    public abstract int TrailerSize { get; }

    /// <summary>Decrypts the first block in place and returns the packet length it holds.</summary>
    public abstract uint ReadLength(Span<byte> first);

    /// <summary>Decrypts the rest of <paramref name="packet"/> (length field included at the front) in place and checks its trailer.</summary>
    /// <exception cref="SshProtocolException">The tag or MAC does not match.</exception>
    public abstract void Open(Span<byte> packet, ReadOnlySpan<byte> trailer, uint sequence);

    /// <summary>The wire bytes of a plaintext packet (length, padding length, payload, padding).</summary>
    public abstract byte[] Seal(ReadOnlySpan<byte> packet, uint sequence);

    public virtual void Dispose()
    {
    }
}

/// <summary>Before the first NEWKEYS: packets in clear.</summary>
internal sealed class SshNoCipher : SshCipher
{
    public static readonly SshNoCipher Instance = new();

    public override int BlockSize => 8;

    public override int FirstBlock => 4;

    public override int TrailerSize => 0;

    public override uint ReadLength(Span<byte> first) => BinaryPrimitives.ReadUInt32BigEndian(first);

    public override void Open(Span<byte> packet, ReadOnlySpan<byte> trailer, uint sequence)
    {
    }

    public override byte[] Seal(ReadOnlySpan<byte> packet, uint sequence) => packet.ToArray();
}

/// <summary>
/// aes128-gcm@openssh.com (RFC 5647 as OpenSSH's PROTOCOL file amends it): the length is sent in
/// clear and authenticated as associated data; the 12-byte nonce is a fixed 4-byte part and a
/// 64-bit counter that goes up by one per packet.
/// </summary>
internal sealed class SshAesGcm(byte[] key, byte[] iv) : SshCipher
{
    public const string Name = "aes128-gcm@openssh.com";
    public const int KeySize = 16;
    public const int IvSize = 12;
    private const int TagSize = 16;

    private readonly AesGcm _aes = new(key, TagSize);
    private readonly byte[] _nonce = iv;

    public override int BlockSize => 16;

    public override int FirstBlock => 4;

    public override bool LengthIsAligned => false;

    public override int TrailerSize => TagSize;

    public override uint ReadLength(Span<byte> first) => BinaryPrimitives.ReadUInt32BigEndian(first);

    public override void Open(Span<byte> packet, ReadOnlySpan<byte> trailer, uint sequence)
    {
        try
        {
            _aes.Decrypt(_nonce, packet[4..], trailer, packet[4..], packet[..4]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SshProtocolException("message authentication failed", SshMsg.MacError);
        }

        Next();
    }

    public override byte[] Seal(ReadOnlySpan<byte> packet, uint sequence)
    {
        byte[] wire = new byte[packet.Length + TagSize];
        packet[..4].CopyTo(wire);
        _aes.Encrypt(_nonce, packet[4..], wire.AsSpan(4, packet.Length - 4), wire.AsSpan(packet.Length), packet[..4]);
        Next();
        return wire;
    }

    public override void Dispose() => _aes.Dispose();

    private void Next() =>
        BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(4), BinaryPrimitives.ReadUInt64BigEndian(_nonce.AsSpan(4)) + 1);
}

/// <summary>
/// aes128-ctr (RFC 4344) with hmac-sha2-256 (RFC 6668): the whole packet is encrypted with a
/// 128-bit counter that runs on across packets; the MAC covers the sequence number and the plaintext.
/// </summary>
internal sealed class SshAesCtrHmac(byte[] key, byte[] iv, byte[] macKey) : SshCipher
{
    public const string Name = "aes128-ctr";
    public const string MacName = "hmac-sha2-256";
    public const int KeySize = 16;
    public const int IvSize = 16;
    public const int MacKeySize = 32;
    private const int MacSize = 32;

    private readonly Aes _aes = CreateAes(key);
    private readonly byte[] _counter = iv;
    private readonly byte[] _macKey = macKey;

    public override int BlockSize => 16;

    public override int FirstBlock => 16;

    public override int TrailerSize => MacSize;

    public override uint ReadLength(Span<byte> first)
    {
        Crypt(first);
        return BinaryPrimitives.ReadUInt32BigEndian(first);
    }

    public override void Open(Span<byte> packet, ReadOnlySpan<byte> trailer, uint sequence)
    {
        Crypt(packet[FirstBlock..]);
        if (!CryptographicOperations.FixedTimeEquals(Mac(packet, sequence), trailer))
        {
            throw new SshProtocolException("message authentication failed", SshMsg.MacError);
        }
    }

    public override byte[] Seal(ReadOnlySpan<byte> packet, uint sequence)
    {
        byte[] wire = new byte[packet.Length + MacSize];
        Mac(packet, sequence).CopyTo(wire.AsSpan(packet.Length));
        packet.CopyTo(wire);
        Crypt(wire.AsSpan(0, packet.Length));
        return wire;
    }

    public override void Dispose() => _aes.Dispose();

    private static Aes CreateAes(byte[] key)
    {
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }

    private byte[] Mac(ReadOnlySpan<byte> packet, uint sequence)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _macKey);
        Span<byte> seq = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(seq, sequence);
        hmac.AppendData(seq);
        hmac.AppendData(packet);
        return hmac.GetHashAndReset();
    }

    /// <summary>XORs whole blocks with the key stream (AES of successive counter values); packets are always block-aligned.</summary>
    private void Crypt(Span<byte> data)
    {
        byte[] counters = new byte[data.Length];
        for (int i = 0; i < data.Length; i += 16)
        {
            _counter.CopyTo(counters, i);
            for (int j = 15; j >= 0 && ++_counter[j] == 0; j--)
            {
            }
        }

        byte[] stream = _aes.EncryptEcb(counters, PaddingMode.None);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= stream[i];
        }
    }
}
