using System.Text;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Tests.Engine;

/// <summary>A watchdog line is a death only when a new boot follows it; a boot banner is one where no boot was asked for.</summary>
public class DeathScanTests
{
    private const string SystemdWatchdog = "[    4.260296] systemd[1]: Watchdog running with a hardware timeout of 1min.\r\n";
    private const string Banner = "\r\nU-Boot SPL 2021.01 (Jan 01 2021 - 00:00:00 +0000)\r\n\r\nU-Boot 2021.01 (Jan 01 2021 - 00:00:00 +0000)\r\n";

    private ExpectBuffer _buffer = null!;
    private DeathScan _scan = null!;

    [SetUp]
    public void NewRun()
    {
        _buffer = new ExpectBuffer();
        _scan = new DeathScan(DeathPatterns.Builtin);
    }

    private DeathHit? Feed(string text, bool bootExpected)
    {
        _buffer.Append(Encoding.Latin1.GetBytes(text));
        return _scan.Scan(_buffer, bootExpected);
    }

    [Test]
    public void SystemdsWatchdogLineIsHealthy()
    {
        Assert.That(Feed(SystemdWatchdog + "[    5.3] systemd[1]: Queued start job for default target multi-user.target.\r\n", bootExpected: true), Is.Null);
        Assert.That(Feed("\r\nraspberrypi login: ", bootExpected: true), Is.Null);
    }

    [Test]
    public void AWatchdogLineFollowedByANewBootIsAWatchdogReset()
    {
        Assert.That(Feed(SystemdWatchdog, bootExpected: true), Is.Null);
        DeathHit? hit = Feed(Banner, bootExpected: true);
        Assert.That(hit?.Pattern.What, Is.EqualTo("watchdog reset"));
        Assert.That(hit!.Text, Does.StartWith("Watchdog running with a hardware timeout of 1min.").And.Contain("then: U-Boot 2021.01"));
        Assert.That(hit.StreamOffset, Is.EqualTo(SystemdWatchdog.IndexOf("Watchdog", StringComparison.Ordinal)));
    }

    [Test]
    public void AFlushBetweenThemIsTheRigsOwnPowerCycle()
    {
        Assert.That(Feed(SystemdWatchdog, bootExpected: true), Is.Null);
        _buffer.Flush(); // the plan cycled the power: the next boot was asked for
        Assert.That(Feed(Banner, bootExpected: true), Is.Null);
    }

    [Test]
    public void ABootTooFarAfterTheWatchdogLineDoesNotConfirmIt()
    {
        Assert.That(Feed(SystemdWatchdog, bootExpected: true), Is.Null);
        for (int i = 0; i < 200; i++)
        {
            Assert.That(Feed($"[   10.{i:D6}] some driver: probe of something went fine\r\n", bootExpected: true), Is.Null);
        }

        Assert.That(Feed(Banner, bootExpected: true), Is.Null);
    }

    [Test]
    public void OutsideABootTheBannerIsAnUnaskedReboot()
    {
        DeathHit? hit = Feed("# " + Banner, bootExpected: false);
        Assert.That(hit?.Pattern.What, Is.EqualTo("bootloader banner"));
        Assert.That(hit!.Pattern.Kind, Is.EqualTo(DeathKind.Reboot));
    }

    [Test]
    public void TheSameBootTwiceIsABootLoopEvenWhereABootWasExpected()
    {
        const string kernel = "[    0.000000] Booting Linux on physical CPU 0x0\r\n[    0.000000] Linux version 5.10.0 (builder@host) #1 SMP\r\n";
        Assert.That(Feed(kernel + "[    1.0] Run /sbin/init as init process\r\n", bootExpected: true), Is.Null);
        Assert.That(Feed(kernel, bootExpected: true)?.Pattern.What, Is.EqualTo("boot loop"));
    }

    [Test]
    public void EveryBuiltinHasItsOwnSource()
    {
        // Journals name a death by its pattern's source; graphs find the pattern by it.
        Assert.That(DeathPatterns.Builtin.Select(d => d.Source), Is.Unique);
    }
}
