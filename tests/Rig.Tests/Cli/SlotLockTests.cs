namespace Rig.Tests.Cli;

/// <summary>One run per slot across processes: a second rig on a busy slot refuses, naming the holder, or waits.</summary>
public class SlotLockTests
{
    private const int SIGTERM = 15;
    private const int SIGKILL = 9;

    private sealed class Bench : IDisposable
    {
        public Bench()
        {
            string relay = Dir["relay"];
            File = Dir.Write("bench.yaml", $$"""
                bench: t
                slots:
                  s1:
                    power: { backend: command, on: 'echo on > "{{relay}}"', off: 'echo off > "{{relay}}"', state: 'cat "{{relay}}"' }
                    console: { path: console1 }
                    safe_state: off
                    cycle_off: 50ms
                  s2:
                    power: { backend: command, on: 'true', off: 'true' }
                    console: { path: console2 }
                    safe_state: off
                    cycle_off: 50ms
                """);
            Profile = Dir.Write("profile.yaml", "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.1\n");
            Hold = Dir.Write("hold.yaml", "plan: HOLD-1\ntitle: power on and wait\ninitial: a\nstates:\n  a:\n    enter:\n      - power: on\n    on:\n      - after: 60s\n        verdict: pass\n        because: waited\n");
            var (made, _, err) = RigProcess.Run(Dir.Path, "keys", "new", "--private", Dir["k.pem"], "--public", Dir["p.pem"]);
            Assert.That(made, Is.EqualTo(0), err);
        }

        public TempDir Dir { get; } = new();

        public string File { get; }

        public string Profile { get; }

        public string Hold { get; }

        public string Relay => System.IO.File.Exists(Dir["relay"]) ? System.IO.File.ReadAllText(Dir["relay"]).Trim() : "never switched";

        public RigProcess Certify(string slot, string outDir) =>
            RigProcess.Start(Dir.Path, "certify", "--bench", File, "--slot", slot, "--profile", Profile, "--plan", Hold, "--out", Dir[outDir], "--key", Dir["k.pem"]);

        public (int Exit, string Stdout, string Stderr) Rig(params string[] args) => RigProcess.Run(Dir.Path, [.. args, "--bench", File]);

        public void WaitForRelay(string state)
        {
            DateTime until = DateTime.UtcNow.AddSeconds(30);
            while (Relay != state)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(until), $"relay never went {state}");
                Thread.Sleep(20);
            }
        }

        public void Dispose() => Dir.Dispose();
    }

    [Test]
    public void ASecondRigOnABusySlotRefusesWithTheHoldersNameAndTouchesNothing()
    {
        using var bench = new Bench();
        using RigProcess first = bench.Certify("s1", "out1");
        bench.WaitForRelay("on");

        foreach (string[] args in new[]
        {
            new[] { "certify", "--slot", "s1", "--profile", bench.Profile, "--plan", bench.Hold, "--out", bench.Dir["out2"], "--key", bench.Dir["k.pem"] },
            ["run", bench.Hold, "--slot", "s1", "--profile", bench.Profile, "--out", bench.Dir["out3"]],
            ["power", "off", "s1"],
            ["console", "s1"],
        })
        {
            var (code, _, err) = bench.Rig(args);
            Assert.That(code, Is.EqualTo(2), $"rig {args[0]}: {err}");
            Assert.That(err.Trim(), Does.StartWith($"rig: slot 's1' is busy: pid {first.Pid} (rig certify --bench ").And.Contain("--wait"));
            Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
        }

        Assert.That(bench.Relay, Is.EqualTo("on"), "the refused commands switched nothing");
        Assert.That(Directory.Exists(bench.Dir["out2"]), Is.False);
        var (other, _, otherErr) = bench.Rig("power", "on", "s2");
        Assert.That(other, Is.EqualTo(0), "another slot of the bench is free: " + otherErr);
        first.Signal(SIGTERM);
        Assert.That(first.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(143), first.Stderr);
        var (after, _, afterErr) = bench.Rig("power", "on", "s1");
        Assert.That(after, Is.EqualTo(0), "free again once the run ended: " + afterErr);
    }

    [Test]
    public void WaitTakesTheSlotWhenTheHolderEnds()
    {
        using var bench = new Bench();
        using RigProcess first = bench.Certify("s1", "out1");
        bench.WaitForRelay("on");
        using RigProcess waiting = RigProcess.Start(bench.Dir.Path, "power", "cycle", "s1", "--bench", bench.File, "--wait");
        Assert.That(waiting.WaitUntilExited(TimeSpan.FromSeconds(1)), Is.False, "it waits while the slot is busy");
        Assert.That(bench.Relay, Is.EqualTo("on"));

        first.Signal(SIGTERM);
        Assert.That(first.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(143), first.Stderr);
        Assert.That(waiting.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(0), waiting.Stderr);
        Assert.That(waiting.Stdout, Does.StartWith("s1: on"));
    }

    [Test]
    public void AKilledHolderFreesTheSlotOnceTheSupervisorMadeItSafe()
    {
        using var bench = new Bench();
        using RigProcess first = bench.Certify("s1", "out1");
        bench.WaitForRelay("on");
        first.Signal(SIGKILL);
        // The supervisor holds the lock until the relay is off: a rig that gets the slot finds it safe.
        var (code, state, err) = RigProcess.Run(bench.Dir.Path, "power", "state", "s1", "--bench", bench.File, "--wait");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(state, Does.StartWith("s1: off"));
        first.Wait(TimeSpan.FromSeconds(30));
    }
}
