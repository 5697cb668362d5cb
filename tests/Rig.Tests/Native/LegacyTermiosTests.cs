using Rig.Drivers.Native;

namespace Rig.Tests.Native;

/// <summary>The TCGETS/TCSETS path that QEMU's user-mode emulator needs, on a real pty of this kernel.</summary>
public class LegacyTermiosTests
{
    [Test]
    public void EveryStandardRateHasItsKernelCode()
    {
        Assert.That(LegacyTermios.Code(9600), Is.EqualTo(13u)); // B9600
        Assert.That(LegacyTermios.Code(115200), Is.EqualTo(0x1002u)); // B115200
        Assert.That(LegacyTermios.Code(4000000), Is.EqualTo(0x100Fu)); // B4000000
        Assert.That(LegacyTermios.Code(0), Is.EqualTo(0u)); // B0
        Assert.That(LegacyTermios.Code(250000), Is.Null, "no Bxxx code: only TCSETS2 can set it");
        foreach (uint rate in new uint[] { 50, 300, 38400, 57600, 921600, 3500000 })
        {
            Assert.That(LegacyTermios.Rate(LegacyTermios.Code(rate)!.Value), Is.EqualTo(rate));
        }

        Assert.That(LegacyTermios.Rate(Termios2.BOTHER), Is.Zero);
    }

    [Test]
    public void ARawStandardRateSetWithoutTermios2ReadsBackTheSameThroughBoth()
    {
        using Pty pty = Pty.Open();
        Termios2 t = LegacyTermios.Get(pty.MasterFd);
        t.MakeRaw();
        t.SetBaud(57600); // BOTHER, as the console driver asks; the legacy path turns it into B57600
        LegacyTermios.Set(pty.MasterFd, t);

        Termios2 legacy = LegacyTermios.Get(pty.MasterFd);
        Termios2 modern = Termios2.Get(pty.MasterFd);
        Assert.That((legacy.c_ospeed, legacy.c_ispeed), Is.EqualTo((57600u, 57600u)));
        Assert.That((modern.c_ospeed, modern.c_ispeed), Is.EqualTo((57600u, 57600u)));
        Assert.That(modern.c_cflag & Termios2.CBAUD, Is.EqualTo(0x1001u), "B57600");
        Assert.That(modern.c_lflag & Termios2.ICANON, Is.Zero);
    }

    [Test]
    public void ARateWithoutCodeIsRefusedNotRounded()
    {
        using Pty pty = Pty.Open();
        Termios2 t = LegacyTermios.Get(pty.MasterFd);
        t.SetBaud(250000);
        var e = Assert.Throws<NativeIOException>(() => LegacyTermios.Set(pty.MasterFd, t));
        Assert.That(e!.Message, Does.Contain("250000 baud is no standard rate"));
    }
}
