using Rig.Engine.Journal;
using Rig.Tests.Support;

namespace Rig.Tests.Cli;

/// <summary>
/// <c>rig certify --batch</c>: several slots in one process, one report each, one exit code that
/// tells the worst; every slot claimed and every entry checked before anything is powered.
/// </summary>
public class CertifyBatchTests
{
    private const int SIGKILL = 9;

    /// <summary>Three slots with command relays (a file each), a one-minute plan and a key.</summary>
    private sealed class RelayBench : IDisposable
    {
        public static readonly string[] Slots = ["s1", "s2", "s3"];

        public RelayBench()
        {
            var yaml = new System.Text.StringBuilder("bench: t\nslots:\n");
            foreach (string s in Slots)
            {
                string relay = Dir[s + ".relay"];
                yaml.Append($"""
                      {s}:
                        power: {"{"} backend: command, on: 'echo on > "{relay}"', off: 'echo off > "{relay}"', state: 'cat "{relay}"' {"}"}
                        console: {"{"} path: {s}-console {"}"}
                        safe_state: off
                        cycle_off: 50ms

                    """);
            }

            Bench = Dir.Write("bench.yaml", yaml.ToString());
            Dir.Write("profile.yaml", "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.1\n");
            Dir.Write("hold.yaml", "plan: HOLD-1\ntitle: power on and wait\ninitial: a\nstates:\n  a:\n    enter:\n      - power: on\n    on:\n      - after: 60s\n        verdict: pass\n        because: waited\n");
            var (made, _, err) = RigProcess.Run(Dir.Path, "keys", "new", "--private", Dir["k.pem"], "--public", Dir["p.pem"]);
            Assert.That(made, Is.EqualTo(0), err);
        }

        public TempDir Dir { get; } = new();

        public string Bench { get; }

        public string Relay(string slot) => File.Exists(Dir[slot + ".relay"]) ? File.ReadAllText(Dir[slot + ".relay"]).Trim() : "never switched";

        public string Batch(string text) => Dir.Write("units.yaml", text);

        public RigProcess Start(params string[] args) => RigProcess.Start(Dir.Path, ["certify", "--bench", Bench, "--key", Dir["k.pem"], .. args]);

        public (int Exit, string Stdout, string Stderr) Run(params string[] args) => RigProcess.Run(Dir.Path, ["certify", "--bench", Bench, "--key", Dir["k.pem"], .. args]);

        public void WaitForRelay(string slot, string state) => WaitFor(() => Relay(slot) == state, $"{slot}'s relay went {state}");

        public static void WaitFor(Func<bool> condition, string what)
        {
            DateTime until = DateTime.UtcNow.AddSeconds(30);
            while (!condition())
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(until), $"never: {what}");
                Thread.Sleep(20);
            }
        }

        public void Dispose() => Dir.Dispose();
    }

    [Test]
    public void ThreeVirtualCamerasInOneProcessGiveThreeSignedReportsAndTheWorstExitCode()
    {
        using var bench = new VirtualBench();
        using var dir = new TempDir();
        var (made, _, keyErr) = RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);
        Assert.That(made, Is.EqualTo(0), keyErr);
        var batch = new System.Text.StringBuilder("plans: [UART-01]\nunits:\n");
        foreach (string p in VirtualBench.Personalities)
        {
            batch.Append($"  - {{ slot: {p}, profile: {bench.ProfileFile(p)}, serial: SN-{p}, out: results/{p} }}\n");
        }

        string units = dir.Write("units.yaml", batch.ToString());
        using RigProcess rig = RigProcess.Start(dir.Path, "certify", "--bench", bench.BenchFile, "--state-root", bench.StateRoot, "--batch", units, "--key", dir["k.pem"]);
        int exit = rig.Wait(TimeSpan.FromMinutes(3));

        // The vulnerable camera hands out a root shell on its console: its FAIL is the run's exit code.
        Assert.That(exit, Is.EqualTo(1), rig.Stderr);
        foreach (string p in VirtualBench.Personalities)
        {
            string report = dir[$"results/{p}/report.html"];
            OpenSsl.Result verified = OpenSsl.Run("dgst", "-sha256", "-verify", dir["p.pem"], "-signature", report + ".sig", report);
            Assert.That(verified.ExitCode, Is.EqualTo(0), $"{p}: {verified.Stderr}");
            Assert.That(File.ReadAllText(report), Does.Contain($"SN-{p}"), "each report names its own unit");
            string verdict = JournalReader.ReadAll(dir[$"results/{p}/journal.jsonl"], out _).Last(e => e.GetProperty("ev").GetString() == "verdict").GetProperty("verdict").GetString()!;
            Assert.That(verdict, Is.EqualTo(p == "vcam-vulnerable" ? "fail" : "pass"), p);
            Assert.That(rig.Stdout, Does.Contain($"({p}): {verdict.ToUpperInvariant()}"));
        }

        Assert.That(rig.Stdout, Does.Contain("(vcam-vulnerable): FAIL").And.Contain("(vcam-hardened): PASS"));
    }

    [Test]
    public void ABusySlotRefusesTheWholeBatchBeforeAnythingIsPowered()
    {
        using var bench = new RelayBench();
        using RigProcess holder = bench.Start("--slot", "s2", "--profile", bench.Dir["profile.yaml"], "--plan", bench.Dir["hold.yaml"], "--out", bench.Dir["held"]);
        bench.WaitForRelay("s2", "on");
        string units = bench.Batch("plans: [hold.yaml]\nunits:\n  - { slot: s1, profile: profile.yaml, out: r1 }\n  - { slot: s2, profile: profile.yaml, out: r2 }\n  - { slot: s3, profile: profile.yaml, out: r3 }\n");

        var (code, _, err) = bench.Run("--batch", units);

        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.StartWith($"rig: slot 's2' is busy: pid {holder.Pid}"));
        Assert.That(bench.Relay("s1"), Is.EqualTo("never switched"));
        Assert.That(bench.Relay("s3"), Is.EqualTo("never switched"));
        Assert.That(new[] { "r1", "r2", "r3" }.Where(r => Directory.Exists(bench.Dir[r])), Is.Empty, "no results folder is made for a refused batch");
        holder.Signal(15);
        holder.Wait(TimeSpan.FromSeconds(60));
    }

    [Test]
    public void AKilledBatchHasEverySlotMadeSafeByTheSupervisor()
    {
        using var bench = new RelayBench();
        string units = bench.Batch("plans: [hold.yaml]\nunits:\n  - { slot: s1, profile: profile.yaml, out: r1 }\n  - { slot: s3, profile: profile.yaml, out: r3 }\n");
        using RigProcess rig = bench.Start("--batch", units);
        bench.WaitForRelay("s1", "on");
        bench.WaitForRelay("s3", "on");

        rig.Signal(SIGKILL);

        bench.WaitForRelay("s1", "off");
        bench.WaitForRelay("s3", "off");
        Assert.That(bench.Relay("s2"), Is.EqualTo("never switched"));
        foreach (string r in new[] { "r1", "r3" })
        {
            RelayBench.WaitFor(() => File.ReadAllText(bench.Dir[$"{r}/journal.jsonl"]).Contains("supervisor-safe-state", StringComparison.Ordinal), $"{r}'s journal records the supervisor");
        }
    }

    [TestCase("units:\n  - { slot: s1, profile: profile.yaml, out: r1 }\n  - { slot: s1, profile: profile.yaml, out: r2 }\n", 3, 13, "slot 's1' is already the unit's at line 2")]
    [TestCase("units:\n  - { slot: s1, profile: profile.yaml, out: r1 }\n  - { slot: s2, profile: profile.yaml, out: ./r1 }\n", 3, 45, "out './r1' is already the unit's at line 2")]
    [TestCase("units:\n  - { slot: s9, profile: profile.yaml, out: r1 }\n", 2, 13, "bench 't'")]
    [TestCase("units:\n  - { slot: s1, profile: nothere.yaml, out: r1 }\n", 2, 26, "profile nothere.yaml: no such file")]
    [TestCase("units:\n  - { slot: s1, profile: profile.yaml, out: r1, colour: red }\n", 2, 49, "unknown key 'colour'")]
    [TestCase("units:\n  - { slot: s1, out: r1 }\n", 2, 5, "missing required key 'profile'")]
    [TestCase("plans: [hold.yaml]\nscheme: x\nunits: []\n", 1, 1, "give scheme or plans, not both")]
    [TestCase("units:\n  - { slot: s1, profile: profile.yaml, out: profile.yaml }\n", 2, 45, "is a file, not a folder")]
    public void ABadBatchFileIsOneLineNamingItsLineAndColumn(string text, int line, int column, string message)
    {
        using var bench = new RelayBench();
        string units = bench.Batch(text);

        var (code, _, err) = bench.Run("--batch", units);

        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err.Trim(), Does.StartWith($"{units}:{line}:{column}: ").And.Contain(message));
        Assert.That(RelayBench.Slots.Select(bench.Relay), Is.All.EqualTo("never switched"));
        Assert.That(Directory.Exists(bench.Dir["r1"]), Is.False);
    }

    [Test]
    public void BatchAndSingleUnitFlagsDoNotMix()
    {
        using var bench = new RelayBench();
        string units = bench.Batch("units:\n  - { slot: s1, profile: profile.yaml, out: r1 }\n");

        var (code, _, err) = bench.Run("--batch", units, "--slot", "s1");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err.Trim(), Is.EqualTo("rig: --batch names each unit's slot, profile, out folder and identity; --slot does not go with it"));

        var (none, _, noneErr) = bench.Run("--profile", bench.Dir["profile.yaml"]);
        Assert.That(none, Is.EqualTo(2), noneErr);
        Assert.That(noneErr.Trim(), Does.StartWith("rig: give --slot, --profile and --out"));
    }
}
