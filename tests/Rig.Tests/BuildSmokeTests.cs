namespace Rig.Tests;

public class BuildSmokeTests
{
    [Test]
    public void MonotonicClockAdvances()
    {
        long a = Rig.Protocols.Monotonic.NowNs;
        Thread.Sleep(2);
        Assert.That(Rig.Protocols.Monotonic.NowNs, Is.GreaterThan(a));
    }
}
