using System.Diagnostics;
using System.Text.Json;
using Rig.Drivers.Power;
using Rig.Tests.Cli;

using Rig.Tests.VirtualDevice;

namespace Rig.Tests.LabOnNats;

/// <summary>
/// A lab on a real nats-server (TLS, users, JetStream): agents on virtual-camera benches, jobs
/// submitted by a user, an agent killed with SIGKILL in the middle of a job, the server restarted
/// while jobs run. Every rig here is the real executable as a child process.
/// </summary>
[NonParallelizable]
public sealed class LabTests
{
    private const int Agents = 4;
    private const int SlotsPerAgent = 2;
    private const int JobsPerSlot = 2;

    private NatsServer _nats = null!;
    private TempDir _dir = null!;
    private readonly List<RigProcess> _agents = [];

    [SetUp]
    public void SetUp()
    {
        _nats = new NatsServer();
        _dir = new TempDir();
        Environment.SetEnvironmentVariable("RIG_TEST_NATS_AGENT", _nats.AgentPassword);
        Environment.SetEnvironmentVariable("RIG_TEST_NATS_USER", _nats.UserPassword);
        var (made, _, err) = RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir["k.pem"], "--public", _dir["p.pem"]);
        Assert.That(made, Is.Zero, err);
    }

    [TearDown]
    public void TearDown()
    {
        foreach (RigProcess a in _agents)
        {
            a.Signal(15);
            a.WaitUntilExited(TimeSpan.FromSeconds(30));
            a.Dispose();
        }

        _nats.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void EveryJobRunsOnceOnItsSlotThroughAnAgentKillAndAServerRestart()
    {
        for (int a = 0; a < Agents; a++)
        {
            WriteBench(a);
            _agents.Add(StartAgent(a));
        }

        WaitFor(() => Lab("jobs").Stdout is var listed && Enumerable.Range(0, Agents).All(a => listed.Contains($"shelf{a} (", StringComparison.Ordinal)),
            () => "every agent announced itself: " + string.Join("\n", _agents.Select(a => a.Stderr)));

        var (twice, _, twiceErr) = RigProcess.Run(_dir.Path, AgentArgs(0));
        Assert.That(twice, Is.EqualTo(2), "a second agent for a bench is refused");
        Assert.That(twiceErr, Does.Contain("bench shelf0 is already served by agent"));

        // The last agent's first job holds its slot (for ten minutes, longer than the test): it is the one killed in the middle.
        int victim = Agents - 1;
        string hold = _dir.Write("HOLD-1.yaml", """
            plan: HOLD-1
            title: Power the device and hold it
            version: "1"
            needs: [power, console]
            timeout: 15m
            initial: held
            states:
              held:
                enter:
                  - power: cycle
                on:
                  - after: 10m
                    verdict: inconclusive
                    because: held for ten minutes
            """);
        var (holdMade, holdId, holdErr) = Lab("submit", "--bench", $"shelf{victim}", "--slot", "s0", "--profile", _dir[$"profile-{victim}-0.yaml"], "--plan", hold);
        Assert.That(holdMade, Is.Zero, holdErr);
        string running = holdId.Trim();
        var jobs = new Dictionary<string, (int Agent, int Slot)> { [running] = (victim, 0) };
        for (int round = 0; round < JobsPerSlot; round++)
        {
            for (int a = 0; a < Agents; a++)
            {
                for (int s = 0; s < SlotsPerAgent; s++)
                {
                    jobs[Submit($"shelf{a}", $"s{s}", _dir[$"profile-{a}-{s}.yaml"], $"SN-{a}-{s}-{round}")] = (a, s);
                }
            }
        }

        string orphan = Submit("shelf9", "s0", _dir["profile-0-0.yaml"], "SN-none");
        Assert.That(Lab("jobs").Stdout, Does.Contain($"{orphan}  shelf9/s0  queued     waiting: no agent serves bench shelf9"));

        // Kill the last agent with SIGKILL while one of its jobs runs: its slot is switched off by the run's own rig at once.
        WaitFor(() => Jobs().Any(j => j.Id == running && j.Detail.StartsWith("plan HOLD-1, state held", StringComparison.Ordinal)),
            () => $"the holding job runs:\n{Lab("jobs").Stdout}\n{_agents[victim].Stderr}");
        int slot = 0;
        Libc(_agents[victim].Pid, 9);
        var off = Stopwatch.StartNew();
        string flash = Path.Combine(_dir[$"root-{victim}"], $"s{slot}", "flash");
        WaitFor(() => VirtualDeviceProcess.FindRunning(flash) is null, "the killed agent's slot is off", TimeSpan.FromSeconds(10));
        TestContext.Out.WriteLine($"slot off {off.ElapsedMilliseconds} ms after the agent's SIGKILL");
        Assert.That(off.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the slot went off with its agent");

        // The server restarts while the other agents run jobs; nothing is lost.
        _nats.Kill();
        _nats.Start();

        // The killed agent comes back: the job it lost ends as an error; its queued jobs run.
        _agents[victim].Dispose();
        _agents[victim] = StartAgent(victim);

        List<Job> done = WaitFor(() => Jobs() is var all && all.Count(j => jobs.ContainsKey(j.Id) && j.Finished) == jobs.Count ? all : null, () => $"every job ended:\n{Lab("jobs").Stdout}\n{string.Join("\n", _agents.Select(a => a.Stderr))}", TimeSpan.FromMinutes(8));
        Job lost = done.Single(j => j.Id == running);
        Assert.That(lost.State, Is.EqualTo("error"));
        Assert.That(lost.Detail, Is.EqualTo("agent lost at plan HOLD-1, state held"));
        Assert.That(done.Where(j => jobs.ContainsKey(j.Id) && j.Id != running).Select(j => j.State), Is.All.EqualTo("done"), string.Join("\n", done));
        Assert.That(done.Single(j => j.Id == orphan).State, Is.EqualTo("queued"));

        var spans = new List<(string Slot, long From, long To)>();
        foreach (string id in jobs.Keys.Where(j => j != running))
        {
            string result = _dir[$"result-{id}"];
            var (fetched, _, fetchErr) = Lab("results", "fetch", id, "--out", result);
            Assert.That(fetched, Is.Zero, fetchErr);
            var (verified, _, verifyErr) = RigProcess.Run(_dir.Path, "verify", result, "--key", _dir["p.pem"]);
            Assert.That(verified, Is.Zero, $"{id}: {verifyErr}");
            OpenSsl.Result sig = OpenSsl.Run("dgst", "-sha256", "-verify", _dir["p.pem"], "-signature", Path.Combine(result, "report.html.sig"), Path.Combine(result, "report.html"));
            Assert.That(sig.ExitCode, Is.Zero, sig.Stderr);
            long[] times = [.. File.ReadLines(Path.Combine(result, "journal.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("mono_ns").GetInt64())];
            spans.Add(($"shelf{jobs[id].Agent}/s{jobs[id].Slot}", times.Min(), times.Max()));
        }

        foreach (var group in spans.GroupBy(s => s.Slot))
        {
            var ordered = group.OrderBy(s => s.From).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                Assert.That(ordered[i].From, Is.GreaterThan(ordered[i - 1].To), $"two jobs overlapped on {group.Key}");
            }
        }
    }

    private sealed record Job(string Id, string State, string Detail, string? Plan)
    {
        public bool Finished => State is "done" or "error" or "cancelled";
    }

    private List<Job> Jobs()
    {
        var list = new List<Job>();
        foreach (string line in Lab("jobs").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("agents:", StringComparison.Ordinal)))
        {
            string[] parts = line.Split("  ", 4, StringSplitOptions.None);
            string detail = parts[3].Trim();
            string? plan = detail.StartsWith("plan ", StringComparison.Ordinal) && !detail.StartsWith("plan -", StringComparison.Ordinal) ? detail : null;
            list.Add(new Job(parts[0], parts[2].Trim(), detail, plan));
        }

        return list;
    }

    private string Submit(string bench, string slot, string profile, string serial)
    {
        var (exit, stdout, stderr) = Lab("submit", "--bench", bench, "--slot", slot, "--profile", profile, "--plan", "UART-01", "--serial", serial);
        Assert.That(exit, Is.Zero, stderr);
        return stdout.Trim();
    }

    private (int Exit, string Stdout, string Stderr) Lab(params string[] args) =>
        RigProcess.Run(_dir.Path, [.. args, "--nats", _nats.Url, "--nats-ca", _nats.CaFile, "--nats-user", "lab", "--nats-password-env", "RIG_TEST_NATS_USER"]);

    private string[] AgentArgs(int a) =>
        ["agent", "--bench", _dir[$"bench-{a}.yaml"], "--nats", _nats.Url, "--nats-ca", _nats.CaFile, "--nats-user", "agent", "--nats-password-env", "RIG_TEST_NATS_AGENT",
         "--key", _dir["k.pem"], "--state-root", _dir[$"root-{a}"], "--work", _dir[$"work-{a}"]];

    private RigProcess StartAgent(int a) => RigProcess.Start(_dir.Path, AgentArgs(a));

    private void WriteBench(int a)
    {
        var slots = new System.Text.StringBuilder();
        for (int s = 0; s < SlotsPerAgent; s++)
        {
            string address = $"127.0.0.{101 + (a * SlotsPerAgent) + s}";
            slots.Append($"""
                  s{s}:
                    power:
                      backend: sim
                      personality: {(s % 2 == 0 ? "vcam-hardened" : "vcam-vulnerable")}
                      address: {address}
                      telnet_port: {TestDevice.FreePort(address)}
                      state: s{s}/flash
                      boot_scale: 0.05
                    console:
                      path: s{s}/console
                    cycle_off: 100ms

                """);
            _dir.Write($"profile-{a}-{s}.yaml", $"profile: lab-{a}-{s}\nmanufacturer: m\nmodel: x\naddress: {address}\nboot_time: 10s\n");
        }

        _dir.Write($"bench-{a}.yaml", $"bench: shelf{a}\nslots:\n{slots}");
    }

    private static void Libc(int pid, int signal) => Rig.Drivers.Native.Libc.Kill(pid, signal);

    private static T WaitFor<T>(Func<T?> probe, string what, TimeSpan? limit = null) => WaitFor(probe, () => what, limit);

    private static T WaitFor<T>(Func<T?> probe, Func<string> what, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value && (value is not bool b || b))
            {
                return value;
            }

            Assert.That(clock.Elapsed, Is.LessThan(limit ?? TimeSpan.FromMinutes(2)), () => $"waited too long: {what()}");
            Thread.Sleep(200);
        }
    }
}
