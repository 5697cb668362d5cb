using System.Diagnostics;
using Rig.Drivers.Power;
using Rig.Protocols;

namespace Rig.Tests.Power;

/// <summary>The command backend with real shell commands that keep a relay's state in a file.</summary>
public class CommandPowerSwitchTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private string _dir = "";

    private string State => Path.Combine(_dir, "state");

    private string Log => Path.Combine(_dir, "log");

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("rig-command-power-").FullName;

    [TearDown]
    public void KillLeftoversAndDeleteDir()
    {
        // If a kill under test failed, the sleeps it should have killed must not outlive the test.
        foreach (string pidFile in Directory.GetFiles(_dir, "*.pid"))
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)
                && File.Exists($"/proc/{pid}/cmdline")
                && File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep\0", StringComparison.Ordinal))
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private CommandPowerOptions Relay(string? state = null, TimeSpan? timeout = null) => new(
        On: $"echo on > '{State}' && echo on >> '{Log}'",
        Off: $"echo off > '{State}' && echo off >> '{Log}'",
        State: state,
        Timeout: timeout);

    [Test]
    public async Task OnOffAndCycleRunTheirCommandsAndTheStateCommandReadsBack()
    {
        await using var power = new CommandPowerSwitch(Relay(state: $"cat '{State}'"));

        await power.OnAsync(CancellationToken.None).WaitAsync(HangGuard);
        Assert.That(File.ReadAllText(State), Is.EqualTo("on\n"));
        Assert.That(await power.GetStateAsync(CancellationToken.None).WaitAsync(HangGuard), Is.EqualTo(PowerState.On));

        await power.OffAsync(CancellationToken.None).WaitAsync(HangGuard);
        Assert.That(await power.GetStateAsync(CancellationToken.None).WaitAsync(HangGuard), Is.EqualTo(PowerState.Off));

        await power.OnAsync(CancellationToken.None).WaitAsync(HangGuard);
        await power.CycleAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None).WaitAsync(HangGuard);
        Assert.That(File.ReadAllLines(Log), Is.EqualTo(new[] { "on", "off", "on", "off", "on" }));
        Assert.That(await power.GetStateAsync(CancellationToken.None).WaitAsync(HangGuard), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task ACycleCommandIsTheSwitchsOwnCycle()
    {
        await using var power = new CommandPowerSwitch(Relay() with { Cycle = $"echo cycle >> '{Log}'" });
        Assert.That(power.CyclesItself, Is.True);
        Assert.That(power.Describe, Does.Contain("cycle: `echo cycle"));

        await power.CycleAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None).WaitAsync(HangGuard);
        Assert.That(File.ReadAllLines(Log), Is.EqualTo(new[] { "cycle" }), "neither off nor on ran");
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task WithoutAStateCommandTheStateIsWhatWasLastSetAndUnknownBefore()
    {
        await using var power = new CommandPowerSwitch(Relay());
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Unknown));

        await power.OnAsync(CancellationToken.None).WaitAsync(HangGuard);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));

        await power.OffAsync(CancellationToken.None).WaitAsync(HangGuard);
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }

    [Test]
    public async Task AFailingCommandNamesItselfItsExitCodeAndTheLastErrorLine()
    {
        string on = "echo switching; echo 'usb: device busy' >&2; echo 'relay 3: no such port' >&2; exit 3";
        await using var power = new CommandPowerSwitch(Relay() with { On = on });
        await power.OffAsync(CancellationToken.None).WaitAsync(HangGuard);

        var e = Assert.ThrowsAsync<RigFaultException>(() => power.OnAsync(CancellationToken.None).WaitAsync(HangGuard));

        Assert.That(e!.Message, Is.EqualTo($"command power: on command `{on}` exited with code 3: relay 3: no such port"));
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Unknown),
            "after a failed switch nobody knows where the relay is");
    }

    [Test]
    public async Task AFailureWithoutErrorOutputSaysSo()
    {
        await using var power = new CommandPowerSwitch(Relay() with { Off = "false" });
        var e = Assert.ThrowsAsync<RigFaultException>(() => power.OffAsync(CancellationToken.None).WaitAsync(HangGuard));
        Assert.That(e!.Message, Is.EqualTo("command power: off command `false` exited with code 1: (nothing on stderr)"));
    }

    [Test]
    public async Task HugeHostileErrorOutputIsBoundedAndTheMessageStaysOneLine()
    {
        // 2 MB of noise, then the real reason laced with terminal escapes and a CR-LF ending.
        string off = "head -c 2000000 /dev/zero | tr '\\000' x >&2; printf '\\n\\033[2Jfinal \\033[0mreason\\r\\n' >&2; exit 4";
        await using var power = new CommandPowerSwitch(Relay() with { Off = off });

        var e = Assert.ThrowsAsync<RigFaultException>(() => power.OffAsync(CancellationToken.None).WaitAsync(HangGuard));

        Assert.That(e!.Message, Does.EndWith("exited with code 4: ?[2Jfinal ?[0mreason"));
        Assert.That(e.Message, Has.Length.LessThan(500));
        Assert.That(e.Message, Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.Contain("\u001b"));
    }

    [Test]
    public async Task ATimedOutCommandIsKilledWithEverythingItStarted()
    {
        string pidFile = Path.Combine(_dir, "sleep.pid");
        string off = $"sleep 60 & echo $! > '{pidFile}'; wait";
        await using var power = new CommandPowerSwitch(Relay(timeout: TimeSpan.FromMilliseconds(500)) with { Off = off });

        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<RigFaultException>(() => power.OffAsync(CancellationToken.None).WaitAsync(HangGuard));

        Assert.That(e!.Message, Is.EqualTo($"command power: off command `{off}` timed out after 0.5 s; its process group was killed"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "the call waited for the sleep");
        int sleepPid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.That(await IsDeadWithin(sleepPid, TimeSpan.FromSeconds(10)), Is.True, $"sleep (pid {sleepPid}) is still running");
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Unknown));
    }

    [Test]
    public async Task ABackgroundChildHoldingTheOutputIsKilledOnceTheCommandHasExited()
    {
        string pidFile = Path.Combine(_dir, "sleep.pid");
        await using var power = new CommandPowerSwitch(Relay() with { On = $"sleep 60 & echo $! > '{pidFile}'" });

        await power.OnAsync(CancellationToken.None).WaitAsync(HangGuard);

        int sleepPid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.That(await IsDeadWithin(sleepPid, TimeSpan.FromSeconds(10)), Is.True, $"sleep (pid {sleepPid}) is still running");
        Assert.That(await power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
    }

    [Test]
    public async Task CancellationKillsTheRunningCommand()
    {
        string pidFile = Path.Combine(_dir, "sleep.pid");
        await using var power = new CommandPowerSwitch(Relay() with { On = $"sleep 60 & echo $! > '{pidFile}'; wait" });
        using var cts = new CancellationTokenSource();

        Task on = power.OnAsync(cts.Token);
        Assert.That(await FileAppearsWithin(pidFile, TimeSpan.FromSeconds(10)), Is.True, "the command never started");
        await cts.CancelAsync();

        Assert.That(async () => await on.WaitAsync(HangGuard), Throws.InstanceOf<OperationCanceledException>());
        int sleepPid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.That(await IsDeadWithin(sleepPid, TimeSpan.FromSeconds(10)), Is.True, $"sleep (pid {sleepPid}) is still running");
    }

    [TestCase("on", PowerState.On)]
    [TestCase("  ON \\n\\n", PowerState.On)]
    [TestCase("Off\\n", PowerState.Off)]
    [TestCase("\\toff", PowerState.Off)]
    public async Task TheStateCommandIsReadCaseInsensitivelyAndTrimmed(string printed, PowerState expected)
    {
        await using var power = new CommandPowerSwitch(Relay(state: $"printf '{printed}'"));
        Assert.That(await power.GetStateAsync(CancellationToken.None).WaitAsync(HangGuard), Is.EqualTo(expected));
    }

    [TestCase("printf 'maybe\\n'", "printed \"maybe\", not \"on\" or \"off\"")]
    [TestCase("true", "printed nothing, not \"on\" or \"off\"")]
    [TestCase("printf 'on\\noff\\n'", "printed \"on?off\", not \"on\" or \"off\"")]
    [TestCase("head -c 100000 /dev/zero", "printed 100000 bytes, not \"on\" or \"off\"")]
    [TestCase("echo on; echo 'meter offline' >&2; exit 2", "exited with code 2: meter offline")]
    public async Task AnythingButOnOrOffFromTheStateCommandIsARigFault(string state, string expected)
    {
        await using var power = new CommandPowerSwitch(Relay(state: state));
        var e = Assert.ThrowsAsync<RigFaultException>(() => power.GetStateAsync(CancellationToken.None).WaitAsync(HangGuard));
        Assert.That(e!.Message, Does.StartWith($"command power: state command `{state}` "));
        Assert.That(e.Message, Does.EndWith(expected));
    }

    [Test]
    public async Task CommandsReadStdinFromDevNull()
    {
        string seen = Path.Combine(_dir, "stdin");
        await using var power = new CommandPowerSwitch(Relay() with { On = $"readlink /proc/self/fd/0 > '{seen}'; cat >> '{seen}'" });

        await power.OnAsync(CancellationToken.None).WaitAsync(HangGuard);

        Assert.That(File.ReadAllText(seen), Is.EqualTo("/dev/null\n"));
    }

    [Test]
    public async Task CommandsRunInAProcessGroupOfTheirOwn()
    {
        string ids = Path.Combine(_dir, "ids");
        // Field 5 of /proc/PID/stat is the process group; the shell's own pid is $$.
        await using var power = new CommandPowerSwitch(Relay() with { On = $"echo $$ $(cut -d' ' -f5 /proc/$$/stat) > '{ids}'" });

        await power.OnAsync(CancellationToken.None).WaitAsync(HangGuard);

        string[] pidAndGroup = File.ReadAllText(ids).Split(' ', StringSplitOptions.TrimEntries);
        Assert.That(pidAndGroup[1], Is.EqualTo(pidAndGroup[0]));
        Assert.That(pidAndGroup[1], Is.Not.EqualTo(File.ReadAllText("/proc/self/stat").Split(' ')[4]));
    }

    [Test]
    public async Task DescribeShowsTheCommands()
    {
        await using var plain = new CommandPowerSwitch(new CommandPowerOptions("sispmctl -o 1", "sispmctl -f 1"));
        await using var withState = new CommandPowerSwitch(new CommandPowerOptions("plug on", "plug off", "plug state"));

        Assert.That(plain.Describe, Is.EqualTo("command (on: `sispmctl -o 1`, off: `sispmctl -f 1`)"));
        Assert.That(withState.Describe, Is.EqualTo("command (on: `plug on`, off: `plug off`, state: `plug state`)"));
    }

    [Test]
    public void MissingCommandsAndBadTimeoutsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new CommandPowerSwitch(new CommandPowerOptions("", "off")));
        Assert.Throws<ArgumentException>(() => new CommandPowerSwitch(new CommandPowerOptions("on", " ")));
        Assert.Throws<ArgumentException>(() => new CommandPowerSwitch(new CommandPowerOptions("on", "off", Timeout: TimeSpan.Zero)));
    }

    /// <summary>Dead means gone, or a zombie waiting for a parent that does not reap (as in some containers).</summary>
    private static async Task<bool> IsDeadWithin(int pid, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return true;
            }

            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private static async Task<bool> FileAppearsWithin(string path, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (File.Exists(path) && File.ReadAllText(path).EndsWith('\n'))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
