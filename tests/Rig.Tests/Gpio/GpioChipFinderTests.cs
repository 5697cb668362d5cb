using Rig.Drivers.Gpio;
using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Tests.Gpio;

/// <summary>Chip discovery and open errors on the real code path, with device directories made of non-chips.</summary>
public class GpioChipFinderTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDevDir() => _dir = Directory.CreateTempSubdirectory("rig-gpio-dev-").FullName;

    [TearDown]
    public void DeleteDevDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void NoChipsAtAllIsSaidPlainly()
    {
        var e = Assert.Throws<NativeIOException>(() => GpioChipFinder.OpenByLabel("pinctrl-rp1", _dir));
        Assert.That(e!.Message, Is.EqualTo($"no GPIO chip labelled \"pinctrl-rp1\": no {_dir}/gpiochip* on this machine"));
    }

    [Test]
    public void ALabelNotFoundListsEveryNodeAndWhyItIsNotAChip()
    {
        File.WriteAllText(Path.Combine(_dir, "gpiochip0"), "");
        File.CreateSymbolicLink(Path.Combine(_dir, "gpiochip1"), "/dev/null");
        // An alias of a node already seen (like RPi OS's gpiochip4 -> gpiochip0) is listed once.
        File.CreateSymbolicLink(Path.Combine(_dir, "gpiochip4"), Path.Combine(_dir, "gpiochip0"));

        var e = Assert.Throws<NativeIOException>(() => GpioChipFinder.OpenByLabel("pinctrl-rp1", _dir));

        string notAChip = $"not a GPIO chip ({Libc.StrError(Libc.ENOTTY)})";
        Assert.That(e!.Message, Is.EqualTo(
            $"no GPIO chip labelled \"pinctrl-rp1\"; found: {_dir}/gpiochip0: {notAChip}; {_dir}/gpiochip1: {notAChip}"));
    }

    [Test]
    public void AMissingPathNamesThePathAndTheReason()
    {
        string path = Path.Combine(_dir, "gpiochip9");
        var e = Assert.Throws<NativeIOException>(() => GpioCharDevChip.OpenPath(path));
        Assert.That(e!.Message, Is.EqualTo($"open {path}: No such file or directory"));
        Assert.That(e.Errno, Is.EqualTo(Libc.ENOENT));
    }

    [Test]
    public void PermissionErrorsPointAtTheGpioGroup()
    {
        Assert.That(GpioMessages.AccessHint(Libc.EACCES), Does.Contain("group gpio"));
        Assert.That(GpioMessages.AccessHint(Libc.EPERM), Does.Contain("access to the device node"));
        Assert.That(GpioMessages.AccessHint(Libc.ENOENT), Is.Empty);
    }

    [Test]
    public void ThePowerSwitchFactoryTurnsAMissingChipIntoARigFault()
    {
        var e = Assert.Throws<RigFaultException>(() =>
            GpioPowerSwitch.Open(new GpioPowerOptions(Path.Combine(_dir, "gpiochip0"), 17)));
        Assert.That(e!.Message, Is.EqualTo($"gpio line 17: open {_dir}/gpiochip0: No such file or directory"));
    }

    [Test]
    public void AFileThatIsNotAChipIsRefusedByPath()
    {
        var e = Assert.Throws<NativeIOException>(() => GpioCharDevChip.OpenPath("/dev/null"));
        Assert.That(e!.Message, Does.StartWith("/dev/null: not a GPIO chip"));
    }

    [Test]
    public void ConsumerNamesAreCutToTheKernelFieldOnACharacterBoundary()
    {
        Assert.That(RoundTrip("rig"), Is.EqualTo("rig"));
        Assert.That(RoundTrip(new string('a', 40)), Is.EqualTo(new string('a', 31)));
        // 30 ASCII bytes + a 2-byte character would need 32 with the NUL: the character is dropped, not split.
        Assert.That(RoundTrip(new string('a', 30) + "é"), Is.EqualTo(new string('a', 30)));
        Assert.That(RoundTrip("bad\nname"), Is.EqualTo("bad?name"), "control characters from the kernel are not echoed raw");
    }

    private static unsafe string RoundTrip(string text)
    {
        byte* field = stackalloc byte[GpioUapi.MaxNameSize];
        new Span<byte>(field, GpioUapi.MaxNameSize).Fill(0xFF);
        GpioMessages.ToFixed(text, field, GpioUapi.MaxNameSize);
        Assert.That(field[GpioUapi.MaxNameSize - 1], Is.Zero, "the field must stay NUL-terminated");
        return GpioMessages.FromFixed(field, GpioUapi.MaxNameSize);
    }
}
