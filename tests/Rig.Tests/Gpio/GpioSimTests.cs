using Rig.Drivers.Gpio;
using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Tests.Gpio;

/// <summary>The switch on a real gpiochip (the kernel's gpio-sim), through the character device.</summary>
[Category("hardware")]
public class GpioSimTests
{
    [Test]
    public async Task ByLabelActiveLowStartsOffAndFollowsOnOff()
    {
        using var sim = GpioSim.CreateOrIgnore(8);
        var options = new GpioPowerOptions(sim.Label, 3, ActiveLow: true, Consumer: "rig-sim-test");

        await using (var power = GpioPowerSwitch.Open(options))
        {
            Assert.That(power.Describe, Is.EqualTo($"gpio {sim.Label} line 3 (active-low)"));
            Assert.That(sim.Value(3), Is.True, "active-low off is high from the request on");
            Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));

            await power.OnAsync(CancellationToken.None);
            Assert.That(sim.Value(3), Is.False);
            Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));

            await power.CycleAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None);
            Assert.That(sim.Value(3), Is.False);

            await power.OffAsync(CancellationToken.None);
            Assert.That(sim.Value(3), Is.True);
            await power.OnAsync(CancellationToken.None);
        }

        // Released: a new request succeeds, so the first one let go of the line.
        await using var again = GpioPowerSwitch.Open(options with { ActiveLow = false }, PowerState.On);
        Assert.That(sim.Value(3), Is.True);
    }

    [Test]
    public async Task ByPathASafeStateOfOnIsDrivenFromTheRequest()
    {
        using var sim = GpioSim.CreateOrIgnore(4);
        await using var power = GpioPowerSwitch.Open(new GpioPowerOptions(sim.DevicePath, 1), PowerState.On);

        Assert.That(sim.Value(1), Is.True);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task ASecondRequestIsBusyAndNamesTheKernelsRecordOfTheHolder()
    {
        using var sim = GpioSim.CreateOrIgnore(4);
        await using var first = GpioPowerSwitch.Open(new GpioPowerOptions(sim.Label, 2, Consumer: "bench-a"));

        var e = Assert.Throws<RigFaultException>(() => GpioPowerSwitch.Open(new GpioPowerOptions(sim.Label, 2)));

        Assert.That(e!.Message, Does.StartWith($"{sim.ChipName} [{sim.Label}] line 2 is busy: held by \"bench-a\""));
        Assert.That(e.InnerException, Is.TypeOf<NativeIOException>().With.Property("Errno").EqualTo(Libc.EBUSY));
    }

    [Test]
    public void ChipInfoAndRangeComeFromTheKernel()
    {
        using var sim = GpioSim.CreateOrIgnore(4);
        using var chip = GpioCharDevChip.Open(sim.Label);

        Assert.That(chip.Name, Is.EqualTo(sim.ChipName));
        Assert.That(chip.LineCount, Is.EqualTo(4));
        var e = Assert.Throws<NativeIOException>(() => chip.RequestOutput(4, false, false, "rig"));
        Assert.That(e!.Message, Does.EndWith("has lines 0-3; line 4 does not exist"));
    }

    [Test]
    public void AnUnknownLabelListsTheSimulatedChip()
    {
        using var sim = GpioSim.CreateOrIgnore(2);
        var e = Assert.Throws<RigFaultException>(() => GpioPowerSwitch.Open(new GpioPowerOptions("no-such-label", 0)));
        Assert.That(e!.Message, Does.Contain($"/dev/{sim.ChipName} [{sim.Label}] (2 lines)"));
    }
}
