using Rig.Engine.Engine;
using Rig.Engine.Plans;

namespace Rig.Tests.Surface;

/// <summary>SURF-01 behind a port forwarder: a forwarded port with nothing behind it is no open port of the device.</summary>
public class ForwarderScanTests
{
    [Test]
    public async Task Surf01DoesNotCountAnAcceptClosedWithNoByte()
    {
        (PlanOutcome surf01, int accepted) = await FakeForwarder.CertifyBesideAsync("SURF-01", "127.0.0.77", 7547, silent: false);
        Assert.That(surf01.Verdict, Is.EqualTo(Verdict.Pass), $"{surf01.Reason} (path {string.Join(" -> ", surf01.Path)})");
        Assert.That(accepted, Is.GreaterThan(0), "the scan reached the forwarder");
        Assert.That(surf01.Transcripts.Select(t => t.Title), Has.Some.Contains("accepted and closed with no byte"), "the evidence names the port left out");
    }

    [Test]
    public async Task Surf01StillCountsASilentAccept()
    {
        (PlanOutcome surf01, _) = await FakeForwarder.CertifyBesideAsync("SURF-01", "127.0.0.78", 7547, silent: true);
        Assert.That(surf01.Verdict, Is.EqualTo(Verdict.Fail), $"{surf01.Reason} (path {string.Join(" -> ", surf01.Path)})");
        Assert.That(surf01.Reason, Does.Contain("7547/tcp"));
    }
}
