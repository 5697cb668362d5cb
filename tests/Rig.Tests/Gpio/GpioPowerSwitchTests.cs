using System.Diagnostics;
using Rig.Drivers.Gpio;
using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Tests.Gpio;

/// <summary>The switch's logic on the fake chip: levels, polarity, ownership, failures.</summary>
public class GpioPowerSwitchTests
{
    private const bool High = true;
    private const bool Low = false;

    private static readonly GpioPowerOptions ActiveLow17 = new("pinctrl-bcm2711", 17, ActiveLow: true);

    [Test]
    public async Task TheRequestItselfCarriesTheSafeLevel()
    {
        var chip = new FakeGpioChip("pinctrl-bcm2711", 58);
        await using var power = GpioPowerSwitch.Request(chip, ActiveLow17);

        Assert.That(chip.Requests, Is.EqualTo(new[] { new FakeGpioRequest(17, true, false, "rig") }));
        // Only one level ever: high (off for an active-low relay) from the request, never a low pulse.
        Assert.That(chip.PinHistory(17), Is.EqualTo(new[] { High }));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }

    [Test]
    public async Task ASafeStateOfOnStartsTheLineActive()
    {
        var chip = new FakeGpioChip();
        await using var power = GpioPowerSwitch.Request(chip, new GpioPowerOptions("fake-gpio", 4), PowerState.On);

        Assert.That(chip.Requests.Single().InitialActive, Is.True);
        Assert.That(chip.PinHistory(4), Is.EqualTo(new[] { High }));
        Assert.That(power.SafeState, Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task ActiveLowInvertsThePinAndNotTheState()
    {
        var chip = new FakeGpioChip("pinctrl-bcm2711", 58);
        await using var power = GpioPowerSwitch.Request(chip, ActiveLow17);

        await power.OnAsync(CancellationToken.None);
        Assert.That(chip.PinLevel(17), Is.EqualTo(Low));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));

        await power.OffAsync(CancellationToken.None);
        Assert.That(chip.PinLevel(17), Is.EqualTo(High));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }

    [Test]
    public async Task ActiveHighDrivesThePinHighForOn()
    {
        var chip = new FakeGpioChip();
        await using var power = GpioPowerSwitch.Request(chip, new GpioPowerOptions("fake-gpio", 5));

        Assert.That(chip.PinLevel(5), Is.EqualTo(Low));
        await power.OnAsync(CancellationToken.None);
        Assert.That(chip.PinLevel(5), Is.EqualTo(High));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task CycleGoesOffWaitsThenOn()
    {
        var chip = new FakeGpioChip();
        await using var power = GpioPowerSwitch.Request(chip, new GpioPowerOptions("fake-gpio", 6));
        await power.OnAsync(CancellationToken.None);

        var offTime = TimeSpan.FromMilliseconds(30);
        var watch = Stopwatch.StartNew();
        await power.CycleAsync(offTime, CancellationToken.None);
        watch.Stop();

        Assert.That(chip.PinHistory(6), Is.EqualTo(new[] { Low, High, Low, High }));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(offTime - TimeSpan.FromMilliseconds(5)), "the off-time was cut short");
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task ACycleCancelledDuringTheOffTimeLeavesPowerOff()
    {
        var chip = new FakeGpioChip();
        await using var power = GpioPowerSwitch.Request(chip, new GpioPowerOptions("fake-gpio", 6));
        await power.OnAsync(CancellationToken.None);

        // Cancelled once the relay is off, not by a timer that a loaded machine may fire before the off.
        using var cts = new CancellationTokenSource();
        Task cycle = power.CycleAsync(TimeSpan.FromSeconds(30), cts.Token);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (chip.PinHistory(6).Count < 3 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        Assert.That(chip.PinHistory(6), Is.EqualTo(new[] { Low, High, Low }), "the cycle switched off");
        await cts.CancelAsync();
        Assert.That(async () => await cycle, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }

    [Test]
    public async Task DisposeReturnsToTheSafeLevelAndReleasesTheLine()
    {
        var chip = new FakeGpioChip("pinctrl-bcm2711", 58);
        var power = GpioPowerSwitch.Request(chip, ActiveLow17);
        await power.OnAsync(CancellationToken.None);
        Assert.That(chip.IsHeld(17), Is.True);

        await power.DisposeAsync();

        Assert.That(chip.IsHeld(17), Is.False);
        Assert.That(chip.PinLevel(17), Is.EqualTo(High), "an active-low relay is off when its pin is high");
        Assert.That(() => power.OnAsync(CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
        await using var again = GpioPowerSwitch.Request(chip, ActiveLow17);
        Assert.That(chip.ConsumerOf(17), Is.EqualTo("rig"));
    }

    [Test]
    public async Task ALineHeldElsewhereIsBusyAndTheMessageNamesItsHolder()
    {
        var chip = new FakeGpioChip("pinctrl-bcm2711", 58, "gpiochip0");
        await using var first = GpioPowerSwitch.Request(chip, ActiveLow17 with { Consumer = "bench-a" });

        var e = Assert.Throws<RigFaultException>(() => GpioPowerSwitch.Request(chip, ActiveLow17));

        Assert.That(e!.Message, Does.StartWith("gpiochip0 [pinctrl-bcm2711] line 17 is busy: held by \"bench-a\""));
        Assert.That(e.Message, Does.Not.Contain("\n"));
        Assert.That(e.InnerException, Is.TypeOf<NativeIOException>().With.Property("Errno").EqualTo(Libc.EBUSY));
        Assert.That(chip.Requests, Has.Count.EqualTo(1), "the refused request must not be recorded");
        Assert.That(chip.PinHistory(17), Is.EqualTo(new[] { High }), "the refused request must not touch the pin");
    }

    [Test]
    public void ALineBeyondTheChipIsRefusedWithTheValidRange()
    {
        var chip = new FakeGpioChip("pinctrl-rp1", 54, "gpiochip0");
        var e = Assert.Throws<RigFaultException>(() => GpioPowerSwitch.Request(chip, new GpioPowerOptions("pinctrl-rp1", 54)));
        Assert.That(e!.Message, Is.EqualTo("gpiochip0 [pinctrl-rp1] has lines 0-53; line 54 does not exist"));
    }

    [Test]
    public async Task AVanishedChipIsARigFaultNamingTheLineAndTheReason()
    {
        var chip = new FakeGpioChip("gpio-expander", 8, "gpiochip2");
        var power = GpioPowerSwitch.Request(chip, new GpioPowerOptions("gpio-expander", 3));
        chip.Unplug();

        var on = Assert.ThrowsAsync<RigFaultException>(() => power.OnAsync(CancellationToken.None));
        Assert.That(on!.Message, Is.EqualTo("gpiochip2 [gpio-expander] line 3: set active: No such device"));
        Assert.ThrowsAsync<RigFaultException>(() => power.GetStateAsync(CancellationToken.None));

        var dispose = Assert.ThrowsAsync<RigFaultException>(async () => await power.DisposeAsync());
        Assert.That(dispose!.Message, Does.Contain("may not be in its safe state (Off)"));
        Assert.That(chip.IsHeld(3), Is.False, "the line is released even when the safe level could not be set");
    }

    [Test]
    public async Task DescribeNamesLabelLineAndPolarity()
    {
        var chip = new FakeGpioChip("pinctrl-bcm2711", 58);
        await using var low = GpioPowerSwitch.Request(chip, ActiveLow17);
        await using var high = GpioPowerSwitch.Request(chip, new GpioPowerOptions("pinctrl-bcm2711", 27));

        Assert.That(low.Describe, Is.EqualTo("gpio pinctrl-bcm2711 line 17 (active-low)"));
        Assert.That(high.Describe, Is.EqualTo("gpio pinctrl-bcm2711 line 27"));
    }

    [Test]
    public void AnUnknownSafeStateIsRefused()
    {
        var chip = new FakeGpioChip();
        Assert.Throws<ArgumentException>(() => GpioPowerSwitch.Request(chip, ActiveLow17 with { Line = 1 }, PowerState.Unknown));
        Assert.That(chip.IsHeld(1), Is.False);
    }
}
