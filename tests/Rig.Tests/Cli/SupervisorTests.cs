using System.Diagnostics;
using System.Text.Json;
using Rig.Drivers.Power;
using Rig.Engine.Journal;

namespace Rig.Tests.Cli;

/// <summary>
/// SIGKILL, which no process can catch, at random moments of a certification: the supervisor
/// drives the slot to its safe state within a second, every time, with the slot's own backend.
/// </summary>
public class SupervisorTests
{
    private const int SIGKILL = 9;
    private const int Kills = 20;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    /// <summary>A plan that switches power several times in a couple of seconds.</summary>
    private const string CommandPlan = """
        plan: FLIP-1
        title: power on, cycle, wait
        initial: a
        states:
          a:
            enter:
              - power: on
            on:
              - after: 300ms
                goto: b
          b:
            enter:
              - power: cycle
            on:
              - after: 700ms
                verdict: pass
                because: done
        """;

    /// <summary>Boots the virtual camera twice (on, then a cycle) and waits for its login prompt each time.</summary>
    private const string SimPlan = """
        plan: BOOT-2
        title: boot twice
        initial: a
        states:
          a:
            enter:
              - power: on
            on:
              - console: 'login:'
                goto: b
              - after: 20s
                verdict: inconclusive
                because: no prompt
          b:
            enter:
              - power: cycle
            on:
              - console: 'login:'
                verdict: pass
                because: booted twice
              - after: 20s
                verdict: inconclusive
                because: no prompt
        """;

    [Test]
    public void CommandBackend()
    {
        using var dir = new TempDir();
        string relay = dir["relay"];
        string bench = dir.Write("bench.yaml", $"""
            bench: t
            slots:
              s1:
                power:
                  backend: command
                  on: 'echo on > "{relay}"'
                  off: 'echo off > "{relay}"'
                  state: 'cat "{relay}"'
                console:
                  path: console
                safe_state: off
                cycle_off: 50ms
            """);
        string profile = dir.Write("profile.yaml", "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.1\n");
        string plan = dir.Write("flip.yaml", CommandPlan);
        string Relay() => File.Exists(relay) ? File.ReadAllText(relay).Trim() : "never switched";
        KillAtRandomMoments(dir, bench, profile, plan, isOff: () => Relay() != "on", runLength: TimeSpan.FromSeconds(1.5));
    }

    [Test]
    public void SimBackend()
    {
        using var dir = new TempDir();
        const string address = "127.0.0.57";
        string flash = dir["state/s1/flash"];
        string bench = dir.Write("bench.yaml", $"""
            bench: t
            slots:
              s1:
                power:
                  backend: sim
                  personality: vcam-vulnerable
                  address: {address}
                  telnet_port: {VirtualDevice.TestDevice.FreePort(address)}
                  http_port: {VirtualDevice.TestDevice.FreePort(address)}
                  ftp_port: {VirtualDevice.TestDevice.FreePort(address)}
                  ssh_port: {VirtualDevice.TestDevice.FreePort(address)}
                  state: s1/flash
                  login_fail_delay: 0.2s
                  boot_scale: 0.05
                console:
                  path: s1/console
                safe_state: off
                cycle_off: 100ms
            """);
        string profile = dir.Write("profile.yaml", $"profile: p\nmanufacturer: m\nmodel: x\naddress: {address}\n");
        string plan = dir.Write("boot2.yaml", SimPlan);
        try
        {
            // Off means no camera runs on the flash: the rig's view (pid file) and the process table agree.
            KillAtRandomMoments(dir, bench, profile, plan, isOff: () => VirtualDeviceProcess.FindRunning(flash) is null && !AnyDeviceOn(flash), runLength: TimeSpan.FromSeconds(3),
                afterEach: () =>
                {
                    var (code, state, err) = RigProcess.Run(dir.Path, "power", "state", "s1", "--bench", bench, "--state-root", dir["state"]);
                    Assert.That(code, Is.EqualTo(0), err);
                    Assert.That(state, Does.StartWith("s1: off"), "the rig's own view of power");
                });
        }
        finally
        {
            if (VirtualDeviceProcess.FindRunning(flash) is int pid)
            {
                Process.GetProcessById(pid).Kill();
            }
        }
    }

    private static void KillAtRandomMoments(TempDir dir, string bench, string profile, string plan, Func<bool> isOff, TimeSpan runLength, Action? afterEach = null)
    {
        var (made, _, keyErr) = RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);
        Assert.That(made, Is.EqualTo(0), keyErr);
        var random = new Random(20261202);
        var took = new List<double>();
        int powered = 0;
        for (int i = 0; i < Kills; i++)
        {
            string outDir = dir[$"out{i}"];
            TimeSpan moment = runLength * random.NextDouble();
            using RigProcess rig = RigProcess.Start(dir.Path, "certify", "--bench", bench, "--state-root", dir["state"], "--slot", "s1", "--profile", profile, "--plan", plan, "--out", outDir, "--key", dir["k.pem"]);
            // Moments count from the first power-on, not from rig's start-up, which a busy machine stretches:
            // every kill falls while the plan switches the device (on, cycle, the safe state at the end).
            var begun = Stopwatch.StartNew();
            while (isOff() && !rig.WaitUntilExited(TimeSpan.FromMilliseconds(5)))
            {
                Assert.That(begun.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the device was never powered");
            }

            if (rig.WaitUntilExited(moment))
            {
                continue; // the run ended before its moment: it left the slot safe itself (SafeStateTests)
            }

            powered += isOff() ? 0 : 1;
            rig.Signal(SIGKILL);
            var killed = Stopwatch.StartNew();
            while (!isOff())
            {
                Assert.That(killed.Elapsed, Is.LessThan(Within), $"kill {i} at {moment.TotalSeconds:0.00} s: still powered {killed.Elapsed.TotalMilliseconds:0} ms after SIGKILL");
                Thread.Sleep(5);
            }

            took.Add(killed.Elapsed.TotalMilliseconds);
            rig.Wait(TimeSpan.FromSeconds(30)); // the supervisor shares rig's stderr: it has finished once that closes
            CheckJournal(outDir);
            afterEach?.Invoke();
        }

        TestContext.Out.WriteLine($"{took.Count} kills, {powered} while powered; off after {string.Join(", ", took.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        Assert.That(took, Has.Count.GreaterThanOrEqualTo(Kills / 2), "most moments must fall inside a run");
        Assert.That(powered, Is.GreaterThanOrEqualTo(Kills / 4), "enough kills must find the device powered");
    }

    /// <summary>A run that had begun ends with either its own run-end or the supervisor's record.</summary>
    private static void CheckJournal(string outDir)
    {
        string path = Path.Combine(outDir, "journal.jsonl");
        if (!File.Exists(path))
        {
            return; // killed before the run began: nothing was powered
        }

        List<JsonElement> events = JournalReader.ReadAll(path, out bool truncated);
        Assert.That(truncated, Is.False);
        var kinds = events.Select(e => e.GetProperty("ev").GetString()).ToList();
        if (!kinds.Contains("run-end") && !kinds.Contains("safe-state") && kinds.Contains("plan-start"))
        {
            Assert.That(kinds[^1], Is.EqualTo("supervisor-safe-state"), string.Join(" ", kinds));
        }

        Assert.That(events.Select(e => e.GetProperty("seq").GetInt64()), Is.Ordered.Ascending.And.Unique);
    }

    /// <summary>Any rig-vdev process on this flash at all, pid file or not: an orphan would hold the flash.</summary>
    private static bool AnyDeviceOn(string flash) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Any(p => int.TryParse(p, out int pid) && VirtualDeviceProcess.IsDevice(pid, flash));
}
