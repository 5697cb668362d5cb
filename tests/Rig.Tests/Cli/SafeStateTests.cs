using System.Text.Json;
using Rig.Drivers.Power;
using Rig.Engine.Journal;

namespace Rig.Tests.Cli;

/// <summary>Every exit path of rig certify leaves the relay in the bench's safe state (off here).</summary>
public class SafeStateTests
{
    private const int SIGHUP = 1;
    private const int SIGINT = 2;
    private const int SIGQUIT = 3;
    private const int SIGUSR1 = 10;
    private const int SIGKILL = 9;
    private const int SIGTERM = 15;

    private sealed class CommandBench : IDisposable
    {
        public CommandBench(string onCommand = "echo on > \"$STATE\"")
        {
            string state = Dir["relay"];
            Bench = Dir.Write("bench.yaml", $"""
                bench: t
                slots:
                  s1:
                    power:
                      backend: command
                      on: '{onCommand.Replace("$STATE", state, StringComparison.Ordinal)}'
                      off: 'echo off > "{state}"'
                      state: 'cat "{state}"'
                    console:
                      path: console
                    safe_state: off
                    cycle_off: 50ms
                """);
            Profile = Dir.Write("profile.yaml", "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.1\n");
            Hold = Dir.Write("hold.yaml", "plan: HOLD-1\ntitle: power on and wait\ninitial: a\nstates:\n  a:\n    enter:\n      - power: on\n    on:\n      - after: 60s\n        verdict: pass\n        because: waited\n");
            Quick = Dir.Write("quick.yaml", "plan: QUICK-1\ntitle: power on briefly\ninitial: a\nstates:\n  a:\n    enter:\n      - power: on\n    on:\n      - after: 200ms\n        verdict: pass\n        because: done\n");
            var (made, _, err) = RigProcess.Run(Dir.Path, "keys", "new", "--private", Dir["k.pem"], "--public", Dir["p.pem"]);
            Assert.That(made, Is.EqualTo(0), err);
        }

        public TempDir Dir { get; } = new();

        public string Bench { get; }

        public string Profile { get; }

        public string Hold { get; }

        public string Quick { get; }

        public string Out => Dir["out"];

        public string Relay => File.Exists(Dir["relay"]) ? File.ReadAllText(Dir["relay"]).Trim() : "never switched";

        public RigProcess Certify(string plan) => RigProcess.Start(Dir.Path, "certify", "--bench", Bench, "--slot", "s1", "--profile", Profile, "--plan", plan, "--out", Out, "--key", Dir["k.pem"]);

        /// <summary>
        /// Waits for the relay, failing at once if rig ended without switching it (with its words);
        /// the bound only stops a hung test (rig's start-up took over 30 s at a load of 30 on 2 cores).
        /// </summary>
        public void WaitForRelay(string state, RigProcess? rig = null)
        {
            DateTime until = DateTime.UtcNow.AddMinutes(2);
            while (Relay != state)
            {
                Assert.That(rig is null || !rig.HasExited || Relay == state, Is.True, $"rig ended before the relay went {state}: {rig?.Stderr}");
                Assert.That(DateTime.UtcNow, Is.LessThan(until), $"relay never went {state}");
                Thread.Sleep(20);
            }
        }

        public List<JsonElement> Journal(out bool truncated) => JournalReader.ReadAll(Path.Combine(Out, "journal.jsonl"), out truncated);

        public void Dispose() => Dir.Dispose();
    }

    [Test]
    public void Success()
    {
        using var bench = new CommandBench();
        using RigProcess rig = bench.Certify(bench.Quick);
        Assert.That(rig.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(0), rig.Stderr);
        Assert.That(bench.Relay, Is.EqualTo("off"));
        Assert.That(File.Exists(Path.Combine(bench.Out, "report.html.sig")), Is.True);
    }

    [Test]
    public void AFolderThatHoldsARunIsNeverReused()
    {
        using var bench = new CommandBench();
        using (RigProcess first = bench.Certify(bench.Quick))
        {
            Assert.That(first.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(0), first.Stderr);
        }

        string journal = File.ReadAllText(Path.Combine(bench.Out, "journal.jsonl"));
        using RigProcess second = bench.Certify(bench.Quick);
        Assert.That(second.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(2));
        Assert.That(second.Stderr, Does.Contain("already holds a run"));
        Assert.That(File.ReadAllText(Path.Combine(bench.Out, "journal.jsonl")), Is.EqualTo(journal));
    }

    [Test]
    public void RigError()
    {
        using var bench = new CommandBench(onCommand: "echo on > \"$STATE\"; echo relay welded >&2; exit 1");
        // HOLD's only timer is a minute away: the failing power-on alone can end the plan, however slow the host.
        using RigProcess rig = bench.Certify(bench.Hold);
        Assert.That(rig.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(3), rig.Stderr);
        Assert.That(rig.Stdout, Does.Contain("ERROR").And.Contain("relay welded"));
        Assert.That(bench.Relay, Is.EqualTo("off"), "the relay went on before the command failed; the safe state must switch it off");
    }

    [Test]
    public void ARigFaultBreaksTheSlotAndLaterPlansAreSkippedWithTheReason()
    {
        using var bench = new CommandBench(onCommand: "echo relay welded >&2; exit 1");
        // The first plan's only timer is a minute away: the failing power-on alone can end it, however slow the host.
        using RigProcess rig = RigProcess.Start(bench.Dir.Path, "certify", "--bench", bench.Bench, "--slot", "s1", "--profile", bench.Profile, "--plan", bench.Hold, "--plan", bench.Quick, "--out", bench.Out, "--key", bench.Dir["k.pem"]);
        Assert.That(rig.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(3), rig.Stderr);
        var verdicts = bench.Journal(out _).Where(e => e.GetProperty("ev").GetString() == "verdict").ToList();
        Assert.That(verdicts, Has.Count.EqualTo(2));
        Assert.That(verdicts[0].GetProperty("verdict").GetString(), Is.EqualTo("error"));
        Assert.That(verdicts[1].GetProperty("plan").GetString(), Is.EqualTo("QUICK-1"));
        Assert.That(verdicts[1].GetProperty("skipped").GetBoolean(), Is.True);
        Assert.That(verdicts[1].GetProperty("reason").GetString(), Does.StartWith("skipped: the slot broke in HOLD-1").And.Contain("relay welded"));
        Assert.That(bench.Journal(out _).Count(e => e.GetProperty("ev").GetString() == "plan-start"), Is.EqualTo(1), "the skipped plan never started");
        Assert.That(bench.Relay, Is.EqualTo("off"));
    }

    [TestCase(SIGINT, 130)]
    [TestCase(SIGTERM, 143)]
    [TestCase(SIGQUIT, 131)]
    [TestCase(SIGUSR1, 138)]
    [TestCase(SIGHUP, 129)]
    public void Interrupted(int signal, int exitCode)
    {
        using var bench = new CommandBench();
        using RigProcess rig = bench.Certify(bench.Hold);
        bench.WaitForRelay("on", rig);
        rig.Signal(signal);
        Assert.That(rig.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(exitCode), rig.Stderr);
        Assert.That(bench.Relay, Is.EqualTo("off"));
        JsonElement end = bench.Journal(out _).Last(e => e.GetProperty("ev").GetString() == "run-end");
        Assert.That(end.GetProperty("interrupted").GetBoolean(), Is.True);
        Assert.That(end.GetProperty("safe_state_reached").GetBoolean(), Is.True);
        // What was recorded is still reported: the plan shows as not finished.
        Assert.That(File.ReadAllText(Path.Combine(bench.Out, "report.html")), Does.Contain("HOLD-1"));
    }

    [Test]
    public void TerminatedWhileAVirtualDeviceRuns()
    {
        using var dir = new TempDir();
        var (made, _, _) = RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);
        Assert.That(made, Is.EqualTo(0));
        string stateRoot = dir["bench"];
        string flash = Path.Combine(stateRoot, "slot1", "flash");
        using RigProcess rig = RigProcess.Start(dir.Path, "certify", "--slot", "slot1", "--profile", "vcam-vulnerable", "--plan", "UART-01", "--state-root", stateRoot, "--out", dir["out"], "--key", dir["k.pem"]);
        int? pid = null;
        DateTime until = DateTime.UtcNow.AddSeconds(30);
        while ((pid = VirtualDeviceProcess.FindRunning(flash)) is null)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), "the virtual device never came on");
            Thread.Sleep(20);
        }

        rig.Signal(SIGTERM);
        Assert.That(rig.Wait(TimeSpan.FromSeconds(60)), Is.EqualTo(143), rig.Stderr);
        Assert.That(VirtualDeviceProcess.FindRunning(flash), Is.Null);
        Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, "pulling the plug means the device process is gone");
        var (_, state, _) = RigProcess.Run(dir.Path, "power", "state", "slot1", "--state-root", stateRoot);
        Assert.That(state, Does.StartWith("slot1: off"));
    }

    [Test]
    public void KilledRigLeavesAJournalThatParsesAndTheSupervisorSwitchesOff()
    {
        using var bench = new CommandBench();
        using RigProcess rig = bench.Certify(bench.Hold);
        bench.WaitForRelay("on", rig);
        rig.Signal(SIGKILL);
        bench.WaitForRelay("off"); // nobody but the supervisor is left to do it
        rig.Wait(TimeSpan.FromSeconds(30));
        List<JsonElement> events = bench.Journal(out bool truncated);
        Assert.That(truncated, Is.False);
        var kinds = events.Select(e => e.GetProperty("ev").GetString()).ToList();
        Assert.That(kinds, Is.SupersetOf(new[] { "journal", "run-start", "plan-start", "state", "action" }));
        Assert.That(kinds, Does.Not.Contain("run-end"), "SIGKILL leaves no time for a run-end");
        JsonElement record = events[^1];
        Assert.That(record.GetProperty("ev").GetString(), Is.EqualTo("supervisor-safe-state"));
        Assert.That(record.GetProperty("slot").GetString(), Is.EqualTo("s1"));
        Assert.That(record.GetProperty("state").GetString(), Is.EqualTo("off"));
        Assert.That(record.GetProperty("rig").GetString(), Does.Contain($"pid {rig.Pid} (rig certify"));
        Assert.That(record.GetProperty("seq").GetInt64(), Is.EqualTo(events[^2].GetProperty("seq").GetInt64() + 1));
        Assert.That(rig.Stderr, Does.Contain("the supervisor drove it off"));
        // The slot's record: XDG_STATE_HOME/rig/BENCH/slots/SLOT.supervisor.log.
        string slotRecord = File.ReadAllText(Path.Combine(bench.Dir.Path, "rig", "bench", "slots", "s1.supervisor.log"));
        Assert.That(slotRecord, Does.Contain($"rig pid {rig.Pid}").And.Contain("drove it off"));
    }
}
