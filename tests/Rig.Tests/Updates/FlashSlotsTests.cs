using Rig.VirtualDevice;

namespace Rig.Tests.Updates;

/// <summary>The virtual camera's bootloader decisions over its flash folder, per update design.</summary>
public class FlashSlotsTests
{
    private static readonly UpdateDesign AB = UpdateDesign.For(Personality.Hardened);
    private static readonly UpdateDesign Single = UpdateDesign.For(Personality.Vulnerable);

    private static byte[] Image(string name) => File.ReadAllBytes(Path.Combine(TestPaths.TestPlans, "firmware", name));

    [Test]
    public void ASingleSlotErasedOrHalfWrittenStaysBrickedOnEveryPowerOn()
    {
        using var dir = new TempDir();
        var flash = new FlashSlots(dir.Path, Single, "1.0.3");
        Assert.That(flash.PowerOn().Version, Is.EqualTo("1.0.3"));
        flash.Erase(flash.Target);
        using (FileStream f = flash.OpenSlot(flash.Target))
        {
            f.Write(Image("vcam-1-1.1.0.img").AsSpan(0, 3000)); // the power went off here
        }

        Assert.That(flash.PowerOn().Bricked, Is.True);
        SlotBoot again = flash.PowerOn();
        Assert.That(again.Bricked, Is.True);
        Assert.That(again.Lines, Does.Contain("   Verifying Checksum ... Bad Data CRC"));
    }

    [Test]
    public void ABKeepsBootingTheOldSlotUntilTheSwitchAndFallsBackFromABadTrial()
    {
        using var dir = new TempDir();
        var flash = new FlashSlots(dir.Path, AB, "1.0.3");
        Assert.That(flash.Target, Is.EqualTo("b"));
        flash.Erase("b");
        Assert.That(flash.PowerOn().Version, Is.EqualTo("1.0.3"), "an erased inactive slot does not matter");

        File.WriteAllBytes(Path.Combine(dir.Path, FlashSlots.ImageFile("b")), Image("vcam-1-1.1.0.img")[..4000]);
        flash.Switch("b"); // a torn image switched to: the trial fails its CRC and A boots
        SlotBoot fallback = flash.PowerOn();
        Assert.That((fallback.Version, fallback.Slot, fallback.Bricked), Is.EqualTo(("1.0.3", "a", false)));
        Assert.That(fallback.Lines, Does.Contain("Falling back to slot A"));

        File.WriteAllBytes(Path.Combine(dir.Path, FlashSlots.ImageFile("b")), Image("vcam-1-1.1.0.img"));
        flash.Switch("b");
        for (int attempt = 1; attempt <= UpdateDesign.BootLimit; attempt++)
        {
            Assert.That(flash.PowerOn().Slot, Is.EqualTo("b"), $"trial boot {attempt} never confirmed");
        }

        Assert.That(flash.PowerOn().Slot, Is.EqualTo("a"), "after the boot limit the bootloader gives up on B");

        flash.Switch("b");
        SlotBoot good = flash.PowerOn();
        good.Confirm();
        Assert.That(flash.PowerOn().Version, Is.EqualTo("1.1.0"));
        Assert.That(flash.SecurityVersion, Is.EqualTo(1_001_000u), "the rollback counter follows a confirmed boot");
    }
}
