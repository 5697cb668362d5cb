using System.Security.Cryptography;

namespace Rig.VirtualDevice;

/// <summary>
/// Key exchange (RFC 4253 §7-8, RFC 5656 §4): one algorithm of each kind, ecdh-sha2-nistp256 with
/// the ecdsa-sha2-nistp256 host key, AES-128 in GCM or CTR mode. The first exchange fixes the
/// session id; a later KEXINIT from the client (a rekey) runs it again. With OpenSSH's strict-kex
/// extension (the Terrapin fix) sequence numbers restart at each NEWKEYS and nothing else may
/// interleave with the first exchange.
/// </summary>
internal sealed class SshKeyExchange(SshPacketStream stream, SshHostKey hostKey)
{
    public const string Kex = "ecdh-sha2-nistp256";
    private const string StrictClient = "kex-strict-c-v00@openssh.com";
    private const string StrictServer = "kex-strict-s-v00@openssh.com";

    private static readonly string[] Ciphers = [SshAesGcm.Name, SshAesCtrHmac.Name];

    private bool _strict;

    /// <summary>The exchange hash of the first key exchange (RFC 4253 §7.2), which user authentication is bound to.</summary>
    public byte[]? SessionId { get; private set; }

    /// <summary>Runs one key exchange; <paramref name="clientKexInit"/> is the client's KEXINIT when it already arrived (a rekey).</summary>
    public void Run(byte[]? clientKexInit = null)
    {
        bool first = SessionId is null;
        byte[] ours = new SshWriter(SshMsg.KexInit)
            .Bytes(RandomNumberGenerator.GetBytes(16))
            .String(first ? $"{Kex},{StrictServer}" : Kex)
            .String(SshHostKey.Algorithm)
            .String(string.Join(',', Ciphers)).String(string.Join(',', Ciphers))
            .String(SshAesCtrHmac.MacName).String(SshAesCtrHmac.MacName)
            .String("none").String("none")
            .String("").String("")
            .Bool(false).UInt32(0)
            .ToArray();
        stream.Write(ours);
        byte[] theirs = clientKexInit ?? NextKexMessage(SshMsg.KexInit, first);
        Negotiated algorithms = Negotiate(theirs, first);

        byte[] init = NextKexMessage(SshMsg.KexEcdhInit, first);
        var reader = new SshReader(init.AsSpan(1));
        byte[] clientPoint = reader.String().ToArray();
        if (clientPoint.Length != 65 || clientPoint[0] != 0x04)
        {
            throw new SshProtocolException("the client's ECDH key is not an uncompressed P-256 point", SshMsg.KeyExchangeFailed);
        }

        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        byte[] secret;
        try
        {
            using var client = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = clientPoint[1..33], Y = clientPoint[33..] },
            });
            secret = ephemeral.DeriveRawSecretAgreement(client.PublicKey); // the shared point's X: K of RFC 5656 §4
        }
        catch (CryptographicException)
        {
            throw new SshProtocolException("the client's ECDH key is not on the curve", SshMsg.KeyExchangeFailed);
        }

        byte[] serverPoint = SshHostKey.Point(ephemeral.ExportParameters(false).Q);
        byte[] k = new SshWriter(withType: false).MPInt(secret).ToArray();
        byte[] h = SHA256.HashData(new SshWriter(withType: false)
            .String(stream.ClientVersion).String(stream.ServerVersion)
            .String(theirs).String(ours)
            .String(hostKey.Blob).String(clientPoint).String(serverPoint)
            .Bytes(k)
            .ToArray());
        SessionId ??= h;
        stream.Write(new SshWriter(SshMsg.KexEcdhReply).String(hostKey.Blob).String(serverPoint).String(hostKey.Sign(h)).ToArray());

        stream.Write([SshMsg.NewKeys]);
        stream.SwitchOutgoing(algorithms.ServerToClient(k, h, SessionId), _strict);
        NextKexMessage(SshMsg.NewKeys, first);
        stream.SwitchIncoming(algorithms.ClientToServer(k, h, SessionId), _strict);
    }

    /// <summary>The next message of the exchange; IGNORE and DEBUG may come between, except in the first strict exchange.</summary>
    private byte[] NextKexMessage(byte expected, bool first)
    {
        while (true)
        {
            byte[] m = stream.Read();
            if (m[0] == expected)
            {
                return m;
            }

            if (m[0] is SshMsg.Ignore or SshMsg.Debug && !(first && _strict))
            {
                continue;
            }

            throw new SshProtocolException($"message {m[0]} during key exchange, expected {expected}");
        }
    }

    private Negotiated Negotiate(byte[] kexInit, bool first)
    {
        var r = new SshReader(kexInit.AsSpan(1));
        r.Bytes(16); // cookie
        string[] kex = r.NameList(), hostKeys = r.NameList(), encC2S = r.NameList(), encS2C = r.NameList(), macC2S = r.NameList(), macS2C = r.NameList(),
            compC2S = r.NameList(), compS2C = r.NameList();
        r.NameList();
        r.NameList();
        bool guessFollows = r.Bool();
        if (first)
        {
            _strict = kex.Contains(StrictClient);
        }

        // The client's first choice that we support wins (RFC 4253 §7.1).
        if (!kex.Contains(Kex) || !hostKeys.Contains(SshHostKey.Algorithm) || !compC2S.Contains("none") || !compS2C.Contains("none"))
        {
            throw new SshProtocolException($"no common algorithm: we offer {Kex}, {SshHostKey.Algorithm}, no compression", SshMsg.KeyExchangeFailed);
        }

        string c2s = Choose(encC2S, Ciphers, "cipher"), s2c = Choose(encS2C, Ciphers, "cipher");
        foreach ((string cipher, string[] macs) in new[] { (c2s, macC2S), (s2c, macS2C) })
        {
            if (cipher == SshAesCtrHmac.Name)
            {
                Choose(macs, [SshAesCtrHmac.MacName], "MAC");
            }
        }

        if (guessFollows && (kex[0] != Kex || hostKeys[0] != SshHostKey.Algorithm))
        {
            stream.Read(); // the client guessed another method: its first exchange packet is dropped (§7)
        }

        return new Negotiated(c2s, s2c);
    }

    private static string Choose(string[] client, string[] server, string what) =>
        client.FirstOrDefault(server.Contains)
        ?? throw new SshProtocolException($"no common {what}: we offer {string.Join(",", server)}", SshMsg.KeyExchangeFailed);

    /// <summary>The ciphers chosen for each direction, and the keys RFC 4253 §7.2 derives for them.</summary>
    private sealed record Negotiated(string C2S, string S2C)
    {
        public SshCipher ClientToServer(byte[] k, byte[] h, byte[] sessionId) => Make(C2S, k, h, sessionId, 'A', 'C', 'E');

        public SshCipher ServerToClient(byte[] k, byte[] h, byte[] sessionId) => Make(S2C, k, h, sessionId, 'B', 'D', 'F');

        private static SshCipher Make(string name, byte[] k, byte[] h, byte[] sessionId, char iv, char key, char mac) =>
            name == SshAesGcm.Name
                ? new SshAesGcm(Derive(k, h, sessionId, key, SshAesGcm.KeySize), Derive(k, h, sessionId, iv, SshAesGcm.IvSize))
                : new SshAesCtrHmac(Derive(k, h, sessionId, key, SshAesCtrHmac.KeySize), Derive(k, h, sessionId, iv, SshAesCtrHmac.IvSize),
                    Derive(k, h, sessionId, mac, SshAesCtrHmac.MacKeySize));

        /// <summary>HASH(K || H || letter || session_id), extended by HASH(K || H || what so far) until long enough.</summary>
        private static byte[] Derive(byte[] k, byte[] h, byte[] sessionId, char letter, int size)
        {
            byte[] result = SHA256.HashData([.. k, .. h, (byte)letter, .. sessionId]);
            while (result.Length < size)
            {
                result = [.. result, .. SHA256.HashData([.. k, .. h, .. result])];
            }

            return result[..size];
        }
    }
}
