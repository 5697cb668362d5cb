using System.Net;
using Rig.Engine.Actions;
using Rig.Engine.Engine;
using Rig.Engine.Plans;

namespace Rig.Tests.Surface;

/// <summary>
/// Telnet is present only when a port answers like telnet: a TCP accept behind a port forwarder
/// with nothing behind it is closed, a silent accept proves nothing, and the real camera's telnetd is telnet.
/// </summary>
public class TelnetPresenceTests
{
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    [Test]
    public async Task AnAcceptClosedWithNoByteIsNotTelnet()
    {
        var address = IPAddress.Parse("127.0.0.71");
        using var forwarder = new FakeForwarder(address, 2323, silent: false);
        ServiceAnswer look = await ServiceLook.LookAsync(new IPEndPoint(address, 2323), Connect, Wait, CancellationToken.None);
        Assert.That(look.State, Is.EqualTo(ServiceState.ClosedAtOnce));
        Assert.That(look.IsTelnet, Is.False);
        Assert.That(forwarder.Accepted, Is.EqualTo(1), "the port did accept: a bare accept is what must not count");
    }

    [Test]
    public async Task ASilentAcceptIsNeitherOpenNorClosed()
    {
        var address = IPAddress.Parse("127.0.0.72");
        using var forwarder = new FakeForwarder(address, 2323, silent: true);
        ServiceAnswer look = await ServiceLook.LookAsync(new IPEndPoint(address, 2323), Connect, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.That(look.State, Is.EqualTo(ServiceState.Silent));
        Assert.That(look.IsTelnet, Is.False);
    }

    [Test]
    public async Task ARefusedPortIsRefused()
    {
        ServiceAnswer look = await ServiceLook.LookAsync(new IPEndPoint(IPAddress.Parse("127.0.0.73"), 2323), Connect, Wait, CancellationToken.None);
        Assert.That(look.State, Is.EqualTo(ServiceState.Refused));
    }

    /// <summary>The hardened camera has no telnet; a forwarder on 2323 accepts and closes. Before, RES-04 took the accept for telnet.</summary>
    [Test]
    public async Task Res04BehindAForwarderWithNoTelnetFindsNothingToMitigate()
    {
        (PlanOutcome res04, int accepted) = await FakeForwarder.CertifyBesideAsync("RES-04", "127.0.0.74", 2323, silent: false);
        Assert.That(res04.Verdict, Is.EqualTo(Verdict.Pass), $"{res04.Reason} (path {string.Join(" -> ", res04.Path)})");
        Assert.That(res04.Reason, Does.Contain("nothing to mitigate").And.Contain("2323: accepted, then closed with no byte"));
        Assert.That(accepted, Is.GreaterThan(0), "the forwarder was asked");
    }

    [Test]
    public async Task Res04WithASilentAcceptIsInconclusiveWithTheReason()
    {
        (PlanOutcome res04, _) = await FakeForwarder.CertifyBesideAsync("RES-04", "127.0.0.75", 2323, silent: true);
        Assert.That(res04.Verdict, Is.EqualTo(Verdict.Inconclusive), $"{res04.Reason} (path {string.Join(" -> ", res04.Path)})");
        Assert.That(res04.Reason, Does.Contain("127.0.0.75:2323 accepted and stayed silent"));
    }

    /// <summary>Before, the sweep took each accepted connection for a telnet login and counted the pairs as refused.</summary>
    [Test]
    public async Task Cred01BehindAForwarderWithNoTelnetFindsNoTelnetService()
    {
        (PlanOutcome cred01, int accepted) = await FakeForwarder.CertifyBesideAsync("CRED-01", "127.0.0.76", 2323, silent: false);
        Assert.That(cred01.Verdict, Is.EqualTo(Verdict.Pass), $"{cred01.Reason} (path {string.Join(" -> ", cred01.Path)})");
        Assert.That(cred01.Reason, Does.Contain("no telnet service answers"));
        Assert.That(accepted, Is.GreaterThan(0), "the forwarder was asked");
    }
}
