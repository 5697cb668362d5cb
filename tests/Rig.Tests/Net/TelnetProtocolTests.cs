using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Protocols.Net;

namespace Rig.Tests.Net;

/// <summary>The telnet decoder and negotiator, against hostile input and a hostile server on loopback.</summary>
public class TelnetProtocolTests
{
    private const byte Iac = 255, Will = 251, Wont = 252, Do = 253, Dont = 254, Sb = 250, Se = 240;

    [Test]
    public void DecoderSeparatesDataFromCommandsEvenWhenSplitAcrossReads()
    {
        byte[] wire =
        [
            (byte)'a', Iac, Iac, (byte)'b', (byte)'\r', 0, (byte)'c', (byte)'\r', (byte)'\n',
            Iac, Will, 1, Iac, 241 /* NOP */, Iac, Sb, 24, 0, (byte)'x', Iac, Iac, Iac, Se, (byte)'d',
            Iac, Do, 31,
        ];

        // Every split point, so IAC, its verb and its option may land in different reads.
        for (int cut = 0; cut <= wire.Length; cut++)
        {
            var decoder = new TelnetDecoder();
            var commands = new List<TelnetCommand>();
            byte[] data = new byte[wire.Length];
            int n = decoder.Decode(wire.AsSpan(0, cut), data, commands);
            n += decoder.Decode(wire.AsSpan(cut), data.AsSpan(n), commands);

            Assert.That(Encoding.Latin1.GetString(data, 0, n), Is.EqualTo("a\u00ffb\rc\r\nd"), $"cut at {cut}");
            Assert.That(commands, Is.EqualTo(new[] { new TelnetCommand(Will, 1), new TelnetCommand(Do, 31) }), $"cut at {cut}");
        }
    }

    [Test]
    public void AnUnterminatedSubnegotiationIsAbandonedAfterItsBound()
    {
        var decoder = new TelnetDecoder();
        var commands = new List<TelnetCommand>();
        byte[] wire = [Iac, Sb, 24, .. Enumerable.Repeat((byte)'x', 3000), .. "MARK"u8];
        byte[] data = new byte[wire.Length];

        int n = decoder.Decode(wire, data, commands);

        // 1 option byte + 1023 of the x's are skipped, then the SB is abandoned and the rest is data.
        string expected = new string('x', 3000 - (TelnetDecoder.MaxSubnegotiation - 1) - 1) + "MARK";
        Assert.That(Encoding.Latin1.GetString(data, 0, n), Is.EqualTo(expected));
    }

    [Test]
    public void NegotiatorRefusesAllButEchoAndSgaAndNeverAnswersTwice()
    {
        var negotiator = TelnetNegotiator.ForClient();
        var replies = new List<byte>();
        for (int round = 0; round < 3; round++)
        {
            for (int o = 0; o < 256; o++)
            {
                negotiator.Receive(new TelnetCommand(Will, (byte)o), replies);
                negotiator.Receive(new TelnetCommand(Do, (byte)o), replies);
                negotiator.Receive(new TelnetCommand(Wont, (byte)o), replies);
                negotiator.Receive(new TelnetCommand(Will, (byte)o), replies);
            }
        }

        List<(byte Verb, byte Option)> answers = Triples(replies.ToArray());
        Assert.That(answers, Is.Unique);
        Assert.That(answers, Does.Contain((Do, (byte)1)).And.Contain((Do, (byte)3)));
        Assert.That(answers.Count(a => a.Verb == Do), Is.EqualTo(2));
        Assert.That(answers.Count(a => a.Verb == Wont), Is.EqualTo(256));
        Assert.That(answers.Count(a => a.Verb == Will), Is.Zero, "the rig enables nothing on its side");
        Assert.That(negotiator.RemoteEnabled(1), Is.True, "WONT then WILL ECHO leaves it on");
    }

    [Test]
    public async Task AHostileServersStormsAreAnsweredOnceAndItsDataComesThrough()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;

        Task<byte[]> server = Task.Run(async () =>
        {
            using TcpClient peer = await listener.AcceptTcpClientAsync();
            NetworkStream s = peer.GetStream();
            var storm = new List<byte>();
            for (int round = 0; round < 3; round++)
            {
                for (int o = 0; o < 256; o++)
                {
                    storm.AddRange([Iac, Do, (byte)o, Iac, Will, (byte)o]);
                }
            }

            storm.AddRange("A"u8);
            storm.AddRange([Iac, Iac]);
            storm.AddRange("B\r\0C"u8);
            storm.AddRange([Iac, Sb, 31, 0, 80, 0, 24, Iac, Se]);
            storm.AddRange("D"u8);
            storm.AddRange([Iac, Sb, 24, .. Enumerable.Repeat((byte)'y', 5000)]);
            storm.AddRange("MARK\r\n"u8);
            await s.WriteAsync(storm.ToArray());

            // Read the client's answers until it says it is done.
            var got = new List<byte>();
            byte[] buf = new byte[4096];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!Encoding.Latin1.GetString(got.ToArray()).Contains("done\r\n", StringComparison.Ordinal))
            {
                int n = await s.ReadAsync(buf, cts.Token);
                if (n == 0)
                {
                    break;
                }

                got.AddRange(buf.AsSpan(0, n).ToArray());
            }

            return got.ToArray();
        });

        await using (TelnetClient client = await TelnetClient.ConnectAsync(endpoint, TimeSpan.FromSeconds(10), CancellationToken.None))
        {
            Assert.That(await client.ExpectAsync([new Regex("MARK")], TimeSpan.FromSeconds(30), CancellationToken.None), Is.Not.Null);
            await client.SendLineAsync("done", CancellationToken.None);
            byte[] answers = await server.WaitAsync(TimeSpan.FromSeconds(30));

            int doneAt = Encoding.Latin1.GetString(answers).IndexOf("done\r\n", StringComparison.Ordinal);
            List<(byte Verb, byte Option)> triples = Triples(answers.Take(doneAt).ToArray());
            Assert.That(triples, Is.Unique, "no option is answered twice");
            Assert.That(triples, Has.Count.EqualTo(512), "every option is answered once for DO and once for WILL");
            Assert.That(triples.Where(t => t.Verb == Do).Select(t => t.Option), Is.EquivalentTo(new byte[] { 1, 3 }));

            string received = client.Transcript.Text(TranscriptDirection.Received);
            Assert.That(received, Does.EndWith("MARK\r\n"));
        }

        // What the expect buffer saw: the data only, IAC IAC as 0xFF, CR NUL as CR, SBs skipped; the
        // matching view then starts a line at that bare CR, as a terminal would.
        using var again = new TcpListener(IPAddress.Loopback, 0);
        again.Start();
        Task serve = Task.Run(async () =>
        {
            using TcpClient peer = await again.AcceptTcpClientAsync();
            await peer.GetStream().WriteAsync(new byte[] { (byte)'A', Iac, Iac, (byte)'B', (byte)'\r', 0, (byte)'C', Iac, Sb, 31, 1, 2, Iac, Se, (byte)'D', (byte)'!' });
        });
        await using TelnetClient second = await TelnetClient.ConnectAsync((IPEndPoint)again.LocalEndpoint, TimeSpan.FromSeconds(10), CancellationToken.None);
        var hit = await second.ExpectAsync([new Regex("A\u00ffB\nCD!")], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(hit, Is.Not.Null, RawTtyEscape(second.Tail()));
        await serve;
    }

    [Test]
    public async Task ExpectReturnsAtOnceWhenThePeerCloses()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task server = Task.Run(async () =>
        {
            using TcpClient peer = await listener.AcceptTcpClientAsync();
            await peer.GetStream().WriteAsync("bye\r\n"u8.ToArray());
        });

        await using TelnetClient client = await TelnetClient.ConnectAsync((IPEndPoint)listener.LocalEndpoint, TimeSpan.FromSeconds(10), CancellationToken.None);
        await server;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var hit = await client.ExpectAsync([new Regex("never")], TimeSpan.FromSeconds(120), CancellationToken.None);

        Assert.That(hit, Is.Null);
        Assert.That(client.IsClosed, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "it must not wait out the timeout");
        Assert.That(client.Tail(), Is.EqualTo("bye\r\n"));
        Assert.ThrowsAsync<TelnetClosedException>(() => client.SendLineAsync("x", CancellationToken.None));
    }

    [Test]
    public async Task SentDataDoublesIac()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task<byte[]> server = Task.Run(async () =>
        {
            using TcpClient peer = await listener.AcceptTcpClientAsync();
            var got = new List<byte>();
            byte[] buf = new byte[64];
            int n;
            while ((n = await peer.GetStream().ReadAsync(buf)) > 0)
            {
                got.AddRange(buf.AsSpan(0, n).ToArray());
            }

            return got.ToArray();
        });

        await using (TelnetClient client = await TelnetClient.ConnectAsync((IPEndPoint)listener.LocalEndpoint, TimeSpan.FromSeconds(10), CancellationToken.None))
        {
            await client.SendAsync(new byte[] { 1, 255, 2 }, CancellationToken.None);
            await client.SendLineAsync("hi", CancellationToken.None);
        }

        Assert.That(await server.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(new byte[] { 1, 255, 255, 2, (byte)'h', (byte)'i', 13, 10 }));
    }

    [Test]
    public void TheTranscriptKeepsItsLimitAndMarksTheCutOnce()
    {
        var t = new TelnetTranscript(limit: 100);
        t.Add(TranscriptDirection.Received, new byte[60]);
        t.Add(TranscriptDirection.Sent, new byte[60]);
        t.Add(TranscriptDirection.Received, new byte[60]);

        IReadOnlyList<TranscriptEntry> entries = t.Snapshot();
        Assert.That(entries.Select(e => e.Direction), Is.EqualTo(new[] { TranscriptDirection.Received, TranscriptDirection.Sent, TranscriptDirection.Truncated }));
        Assert.That(entries.Sum(e => e.Data.Length), Is.EqualTo(100));
        Assert.That(t.IsTruncated, Is.True);
        Assert.That(t.DroppedBytes, Is.EqualTo(80));
    }

    private static List<(byte Verb, byte Option)> Triples(byte[] wire)
    {
        var list = new List<(byte, byte)>();
        for (int i = 0; i + 2 < wire.Length; i++)
        {
            if (wire[i] == Iac && wire[i + 1] is Will or Wont or Do or Dont)
            {
                list.Add((wire[i + 1], wire[i + 2]));
                i += 2;
            }
        }

        return list;
    }

    private static string RawTtyEscape(string s) => Rig.Tests.VirtualDevice.RawTty.Escape(s);
}
