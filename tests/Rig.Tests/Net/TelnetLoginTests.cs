using System.Diagnostics;
using System.Net;
using Rig.Protocols.Net;
using Rig.Tests.VirtualDevice;

namespace Rig.Tests.Net;

/// <summary>Telnet login attempts against the real vulnerable virtual camera.</summary>
public class TelnetLoginTests
{
    private static readonly TelnetLoginOptions Fast = new()
    {
        PromptTimeout = TimeSpan.FromSeconds(20),
        ResponseTimeout = TimeSpan.FromSeconds(20),
        ConfirmTimeout = TimeSpan.FromSeconds(20),
    };

    private TestDevice _dev = null!;

    /// <summary>Powers the camera on and waits for its telnet, which starts during the boot, as a lab would.</summary>
    [OneTimeSetUp]
    public async Task PowerOn()
    {
        _dev = await TestDevice.StartAsync("vcam-vulnerable", "127.0.0.5");
        await TestDevice.WaitUntilListeningAsync(_dev.Telnet);
    }

    [OneTimeTearDown]
    public async Task PowerOff() => await _dev.DisposeAsync();

    [Test]
    public async Task TheMiraiPairGivesAShellProvenByTheNonce()
    {
        TelnetLoginResult r = await TelnetLogin.TryAsync(_dev.Telnet, "root", "xc3511", Fast, CancellationToken.None);

        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Accepted), r.Detail);
        Assert.That(r.GotShell, Is.True);
        Assert.That(r.Proof, Does.Match("^[0-9a-f]{16}$"));
        string received = string.Concat(r.Transcript.Where(e => e.Direction == TranscriptDirection.Received).Select(e => e.Text));
        string sent = string.Concat(r.Transcript.Where(e => e.Direction == TranscriptDirection.Sent).Select(e => e.Text));
        Assert.That(received, Does.Contain($"\r\n{r.Proof}\r\n"), "the shell printed the joined nonce");
        Assert.That(sent, Does.Not.Contain(r.Proof), "we never sent the nonce in one piece");
        Assert.That(sent, Does.Contain("xc3511\r\n"));
        Assert.That(r.Transcript.Select(e => e.MonoNs), Is.Ordered);
    }

    [Test]
    public async Task AWrongPasswordIsRejectedAfterTheDevicesPause()
    {
        var clock = Stopwatch.StartNew();
        TelnetLoginResult r = await TelnetLogin.TryAsync(_dev.Telnet, "root", "wrong", Fast, CancellationToken.None);

        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Rejected), r.Detail);
        Assert.That(r.Detail, Does.Contain("Login incorrect"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TestDevice.FailDelay - TimeSpan.FromMilliseconds(20)));
        Assert.That(r.Proof, Is.Null);
    }

    [Test]
    public async Task AfterThreeFailuresTheDeviceClosesTheSession()
    {
        await using TelnetClient client = await TelnetClient.ConnectAsync(_dev.Telnet, TimeSpan.FromSeconds(10), CancellationToken.None);
        for (int i = 1; i <= 3; i++)
        {
            TelnetLoginResult r = await TelnetLogin.TryAsync(client, "root", $"guess{i}", Fast, CancellationToken.None);
            Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Rejected), $"attempt {i}: {r.Detail}");
        }

        TelnetLoginResult fourth = await TelnetLogin.TryAsync(client, "root", "xc3511", Fast, CancellationToken.None);

        Assert.That(fourth.Outcome, Is.EqualTo(TelnetLoginOutcome.Closed), fourth.Detail);
        Assert.That(client.IsClosed, Is.True);
        Assert.That(client.CloseReason, Is.EqualTo("closed by the device"));
        Assert.That(fourth.Transcript.Count(e => e.Direction == TranscriptDirection.Received && e.Text.Contains("Login incorrect", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task SeveralSessionsAreServedAtOnce()
    {
        // All three connect before any logs in, so their sessions overlap on the device.
        var clients = new List<TelnetClient>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                TelnetClient c = await TelnetClient.ConnectAsync(_dev.Telnet, TimeSpan.FromSeconds(10), CancellationToken.None);
                clients.Add(c);
            }

            TelnetLoginResult[] results = await Task.WhenAll(
                clients.Select(c => TelnetLogin.TryAsync(c, "root", "xc3511", Fast, CancellationToken.None)));

            Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(TelnetLoginOutcome.Accepted));
            Assert.That(results.Select(r => r.Proof).Distinct().Count(), Is.EqualTo(3));
        }
        finally
        {
            foreach (TelnetClient c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task AClosedPortIsRefusedNotTimedOut()
    {
        var closed = new IPEndPoint(IPAddress.Parse("127.0.0.5"), TestDevice.FreePort("127.0.0.5"));

        var e = Assert.ThrowsAsync<TelnetConnectException>(() => TelnetClient.ConnectAsync(closed, TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.That(e!.Failure, Is.EqualTo(ConnectFailure.Refused));
        Assert.That(e.Message, Does.StartWith($"telnet {closed}: connection refused"));

        TelnetLoginResult r = await TelnetLogin.TryAsync(closed, "root", "xc3511", Fast, CancellationToken.None);
        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Refused));
        Assert.That(r.Transcript, Is.Empty);
    }

    [Test]
    public async Task NegotiationWithTheDeviceConverges()
    {
        await using TelnetClient client = await TelnetClient.ConnectAsync(_dev.Telnet, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.That(await client.ExpectAsync([Fast.LoginPrompt], TimeSpan.FromSeconds(20), CancellationToken.None), Is.Not.Null);

        byte[] sent = client.Transcript.Snapshot().Where(e => e.Direction == TranscriptDirection.Sent).SelectMany(e => e.Data).ToArray();

        // The device offered WILL ECHO, WILL SGA, DO NAWS: we accept the first two and refuse the third, once each.
        Assert.That(sent, Is.EqualTo(new byte[] { 255, 253, 1, 255, 253, 3, 255, 252, 31 }));
    }
}
