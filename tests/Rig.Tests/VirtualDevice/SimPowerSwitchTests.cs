using System.Diagnostics;
using Rig.Drivers.Power;
using Rig.Protocols;
using Rig.Protocols.Net;

namespace Rig.Tests.VirtualDevice;

/// <summary>The sim power backend against the real rig-vdev, as two rig processes would use it.</summary>
public class SimPowerSwitchTests
{
    private TestDevice _dev = null!;

    [SetUp]
    public void CreateFolder() => _dev = TestDevice.Create("vcam-vulnerable", "127.0.0.4");

    [TearDown]
    public async Task PowerOffAndClean()
    {
        await using (var power = new SimPowerSwitch(_dev.Options))
        {
            await power.OffAsync(CancellationToken.None);
        }

        await _dev.DisposeAsync();
    }

    [Test]
    public void DescribeNamesPersonalityAndAddress()
    {
        Assert.That(new SimPowerSwitch(_dev.Options).Describe, Is.EqualTo("sim vcam-vulnerable at 127.0.0.4"));
    }

    [Test]
    public void OnlyLoopbackAddressesAndKnownPersonalitiesAreAccepted()
    {
        Assert.That(() => new SimPowerSwitch(_dev.Options with { Address = "10.1.2.3" }),
            Throws.ArgumentException.With.Message.Contain("'10.1.2.3' is not in 127.0.0.0/8"));
        Assert.That(() => new SimPowerSwitch(_dev.Options with { Personality = "toaster" }),
            Throws.ArgumentException.With.Message.Contain("unknown personality 'toaster'"));
    }

    [Test]
    public async Task OnStartsTheDeviceAndASecondRigProcessSeesAndSwitchesIt()
    {
        await using var power = new SimPowerSwitch(_dev.Options);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));

        await power.OnAsync(CancellationToken.None);

        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
        int pid = VirtualDeviceProcess.ReadPid(_dev.StateDir)!.Value;
        Assert.That(VirtualDeviceProcess.IsDevice(pid, _dev.StateDir), Is.True);
        // Power-on is over when the device runs, not when it has booted: like a lab, wait for its service to listen.
        await TestDevice.WaitUntilListeningAsync(_dev.Telnet);
        TelnetLoginResult login = await TelnetLogin.TryAsync(_dev.Telnet, "root", "xc3511", null, CancellationToken.None);
        Assert.That(login.Outcome, Is.EqualTo(TelnetLoginOutcome.Accepted), login.Detail);

        // A second switch on the same folder stands for `rig power ...` in another process.
        await using var other = new SimPowerSwitch(_dev.Options);
        Assert.That(await other.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
        await other.OnAsync(CancellationToken.None);
        Assert.That(VirtualDeviceProcess.ReadPid(_dev.StateDir), Is.EqualTo(pid), "on when on is a no-op");

        await other.OffAsync(CancellationToken.None);

        Assert.That(VirtualDeviceProcess.IsGone(pid), Is.True);
        Assert.That(File.Exists(Path.Combine(_dev.StateDir, VirtualDeviceProcess.PidFileName)), Is.False);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
        // The freed /dev/pts/N may go to another slot's device next: the switch removes the link, so this slot waits.
        Assert.That(File.Exists(_dev.ConsolePath) || new FileInfo(_dev.ConsolePath).LinkTarget is not null, Is.False);
        await other.OffAsync(CancellationToken.None); // off when off: harmless
    }

    /// <summary>
    /// Off must take the console link away before the device dies: the console reopens its path on
    /// the hangup, and a link still pointing at the freed /dev/pts/N could by then lead to another
    /// slot's device, which the kernel may have handed that number.
    /// </summary>
    [Test]
    public async Task WhenTheConsoleSeesTheHangupTheLinkIsAlreadyGone()
    {
        await using var power = new SimPowerSwitch(_dev.Options);
        await power.OnAsync(CancellationToken.None);
        var watcher = new LinkAtHangup(_dev.ConsolePath);
        await using var console = new Rig.Drivers.Serial.TtyConsole(new SerialSettings(_dev.ConsolePath));
        console.Subscribe(watcher);
        console.Start();
        await watcher.Opened.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the console opened the device's pty

        await power.OffAsync(CancellationToken.None);

        Assert.That(await watcher.LinkSeenAtHangup.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.Null,
            "the link the console would reopen on its hangup");
    }

    /// <summary>Records where the console link pointed when the console saw its hangup.</summary>
    private sealed class LinkAtHangup(string path) : IConsoleListener
    {
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string?> LinkSeenAtHangup { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnData(long monoNs, ReadOnlySpan<byte> data)
        {
        }

        public void OnStatus(long monoNs, ConsoleStatus status, string detail)
        {
            if (status == ConsoleStatus.Opened)
            {
                Opened.TrySetResult();
            }
            else if (status == ConsoleStatus.HungUp)
            {
                LinkSeenAtHangup.TrySetResult(new FileInfo(path).LinkTarget);
            }
        }
    }

    [Test]
    public async Task DisposingTheSwitchLeavesTheDeviceRunning()
    {
        var power = new SimPowerSwitch(_dev.Options);
        await power.OnAsync(CancellationToken.None);
        await power.DisposeAsync();

        await using var again = new SimPowerSwitch(_dev.Options);
        Assert.That(await again.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task CycleRebootsTheDevice()
    {
        await using var power = new SimPowerSwitch(_dev.Options);
        await power.OnAsync(CancellationToken.None);
        int before = VirtualDeviceProcess.ReadPid(_dev.StateDir)!.Value;

        await power.CycleAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        int after = VirtualDeviceProcess.ReadPid(_dev.StateDir)!.Value;
        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That(VirtualDeviceProcess.IsGone(before), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(_dev.StateDir, "boot-count")).Trim(), Is.EqualTo("2"));
    }

    [Test]
    public async Task AStalePidFileOfAnotherLiveProcessIsNotOn()
    {
        using Process sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            Directory.CreateDirectory(_dev.StateDir);
            VirtualDeviceProcess.WritePid(_dev.StateDir, sleeper.Id);
            await using var power = new SimPowerSwitch(_dev.Options);

            Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));

            await power.OnAsync(CancellationToken.None);
            Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
            Assert.That(VirtualDeviceProcess.ReadPid(_dev.StateDir), Is.Not.EqualTo(sleeper.Id));

            await power.OffAsync(CancellationToken.None);
            Assert.That(sleeper.HasExited, Is.False, "off kills only the device, never the stranger");
        }
        finally
        {
            sleeper.Kill();
            await sleeper.WaitForExitAsync();
        }
    }

    [Test]
    public async Task ADeviceThatDiesAtPowerOnIsARigFaultWithItsReason()
    {
        File.WriteAllText(_dev.ConsolePath, "not a link");
        await using var power = new SimPowerSwitch(_dev.Options);

        var e = Assert.ThrowsAsync<RigFaultException>(() => power.OnAsync(CancellationToken.None));

        Assert.That(e!.Message, Does.StartWith("sim vcam-vulnerable at 127.0.0.4: the virtual device stopped during start-up"));
        Assert.That(e.Message, Does.Contain($"console {_dev.ConsolePath}: exists and is not a symbolic link"));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }
}
