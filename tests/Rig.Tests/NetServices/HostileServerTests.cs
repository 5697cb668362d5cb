using System.Net;
using System.Net.Sockets;
using System.Text;
using Rig.Protocols.Net;

namespace Rig.Tests.NetServices;

/// <summary>The rig's HTTP and FTP clients against servers that misbehave: bounded, timed out, never hanging.</summary>
public class HostileServerTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    /// <summary>A one-connection server on loopback that runs <paramref name="behave"/> on the accepted socket.</summary>
    private static (IPEndPoint Endpoint, Task Served) Serve(Func<Socket, Task> behave)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        Task served = Task.Run(async () =>
        {
            using (listener)
            {
                using Socket s = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(10));
                try
                {
                    await behave(s);
                }
                catch (SocketException)
                {
                    // the client gave up first, as it should
                }
            }
        });
        return (endpoint, served);
    }

    [Test]
    public async Task HugeHeadersAreCutAtTheLimit()
    {
        var (ep, served) = Serve(async s =>
        {
            await s.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 401 Unauthorized\r\n"));
            byte[] junk = Encoding.ASCII.GetBytes("X-Junk: " + new string('a', 1000) + "\r\n");
            for (int i = 0; i < 200; i++)
            {
                await s.SendAsync(junk);
            }
        });
        HttpAnswer a = await HttpProbe.GetAsync(ep, "/", null, Short, TimeSpan.FromSeconds(5), default);
        Assert.That(a.Outcome, Is.EqualTo(HttpOutcome.TooLarge));
        Assert.That(a.Transcript.Where(t => t.Direction == TranscriptDirection.Received).Sum(t => t.Data.Length), Is.LessThanOrEqualTo(HttpProbe.MaxHeadBytes));
        await served.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task ASlowlorisServerIsCutAtTheDeadlineNotPerByte()
    {
        using var stop = new CancellationTokenSource();
        var (ep, served) = Serve(async s =>
        {
            foreach (char c in "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n")
            {
                await s.SendAsync(new[] { (byte)c });
                await Task.Delay(100, stop.Token);
            }
        });
        HttpAnswer a = await HttpProbe.GetAsync(ep, "/", null, Short, Short, default);
        Assert.That(a.Outcome, Is.EqualTo(HttpOutcome.TimedOut));
        Assert.That(a.Detail, Does.Contain(ep.ToString()));
        stop.Cancel();
        await served.ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void MalformedChallengesAreSkippedNotGuessedAt()
    {
        IReadOnlyList<HttpChallenge> parsed = HttpChallenge.Parse(
        [
            "Digest realm=\"unterminated, nonce=\"abc",
            "Digest realm=\"x\", nonce=\"n\r\nInjected: 1\", qop=\"auth\"",
            "Basic realm=\"" + new string('r', 5000) + "\"",
            "Digest realm=\"ok\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256, Basic realm=\"b\"",
            "=== ,,, \"",
        ]);
        Assert.That(parsed.Where(HttpAuthorization.CanAnswer).Select(c => $"{c.Scheme} {c.Realm}"), Is.EqualTo(new[] { "Digest ok", "Basic b" }));
    }

    [Test]
    public async Task NotHttpAtAllIsMalformed()
    {
        var (ep, served) = Serve(async s => await s.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-dropbear\r\n\r\n")));
        HttpAnswer a = await HttpProbe.GetAsync(ep, "/", null, Short, Short, default);
        Assert.That(a.Outcome, Is.EqualTo(HttpOutcome.Malformed));
        Assert.That(a.Detail, Does.Contain("SSH-2.0-dropbear"));
        await served.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task AnFtpServerThatNeverEndsItsReplyIsBounded()
    {
        var (ep, served) = Serve(async s =>
        {
            for (int i = 0; i < 100; i++)
            {
                await s.SendAsync(Encoding.ASCII.GetBytes("220-still greeting\r\n"));
            }
        });
        var e = Assert.ThrowsAsync<FtpProtocolException>(() => FtpClient.ConnectAsync(ep, Short, TimeSpan.FromSeconds(5), default));
        Assert.That(e!.Message, Does.Contain("longer than 32 lines"));
        await served.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task ASilentFtpServerTimesOut()
    {
        using var stop = new CancellationTokenSource();
        var (ep, served) = Serve(async s => await Task.Delay(TimeSpan.FromSeconds(10), stop.Token));
        var e = Assert.ThrowsAsync<FtpProtocolException>(() => FtpClient.ConnectAsync(ep, Short, Short, default));
        Assert.That(e!.Message, Does.Contain("no complete reply within 1 s"));
        stop.Cancel();
        await served.ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
