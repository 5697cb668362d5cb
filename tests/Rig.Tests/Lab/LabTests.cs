using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Rig.Drivers.Power;
using Rig.Tests.Cli;

using Rig.Tests.VirtualDevice;

namespace Rig.Tests.LabOnNats;

/// <summary>
/// A lab on a real nats-server (TLS, per-bench users, JetStream): 8 agents with 4 virtual-camera
/// slots each, 64 jobs submitted by a lab user (half of them by device label), one agent killed
/// with SIGKILL in the middle of two jobs (one with --retry), another cut off from the server for
/// a minute, the server restarted while jobs run; then what an agent's credentials may not do,
/// tried for real. Every rig here is the real executable as a child process.
/// </summary>
[NonParallelizable]
public sealed class LabTests
{
    private const int Agents = 8;
    private const int SlotsPerAgent = 4;
    private const int JobsPerSlot = 2;
    private const int Victim = Agents - 1; // killed with SIGKILL mid-job
    private const int Remote = 1;          // reaches the server through a link the test cuts
    private static readonly TimeSpan Drop = TimeSpan.FromMinutes(1);

    private NatsServer _nats = null!;
    private LinkCutter _link = null!;
    private TempDir _dir = null!;
    private readonly List<RigProcess> _agents = [];
    private readonly List<RigProcess> _gone = [];

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _nats = new NatsServer("lab", Enumerable.Range(0, Agents).Select(Bench));
        _link = new LinkCutter(_nats.Port);
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

        foreach (RigProcess a in _gone)
        {
            a.Dispose();
        }

        _link?.Dispose();
        _nats?.Dispose();
        _dir?.Dispose();
    }

    [Test]
    public async Task EveryJobRunsOnceThroughAnAgentKillANetworkDropAndAServerRestartAndAgentsKeepToTheirBench()
    {
        var clock = Stopwatch.StartNew();
        Assert.That(Lab("jobs").Exit, Is.Zero, "a lab user's first command sets the lab up");
        for (int a = 0; a < Agents; a++)
        {
            WriteBench(a);
            _agents.Add(StartAgent(a));
        }

        WaitFor(() => Lab("jobs").Stdout is var listed && Enumerable.Range(0, Agents).All(a => listed.Contains($"{Bench(a)} (", StringComparison.Ordinal)),
            () => "every agent announced itself: " + string.Join("\n", _agents.Select(a => a.Stderr)));
        long[] idle = [.. _agents.Select(a => Rss(a.Pid))];

        var (twice, _, twiceErr) = RigProcess.Run(_dir.Path, AgentArgs(0));
        Assert.That(twice, Is.EqualTo(2), "a second agent for a bench is refused");
        Assert.That(twiceErr, Does.Contain($"bench {Bench(0)} is already served by agent"));

        var (unknown, _, unknownErr) = Lab("submit", "--device", "cam-none", "--profile", _dir["profile-0-0.yaml"], "--plan", "UART-01");
        Assert.That(unknown, Is.EqualTo(2));
        Assert.That(unknownErr, Does.Contain("--device cam-none: no slot of the lab holds a device with this label"));

        // Jobs that hold their slot: on the victim, one for ten minutes (longer than the test) and
        // one for 40 s whose submitter allows a retry; on the remote agent one for 30 s, which ends
        // while its link is cut.
        string held = SubmitPlan(Victim, 0, Hold("HOLD-1", "10m"));
        string retried = SubmitPlan(Victim, 1, Hold("HOLD-2", "40s"), "--retry");
        string remote = SubmitPlan(Remote, 0, Hold("HOLD-3", "30s"));
        WaitFor(() => Jobs() is var all && new[] { held, retried, remote }.All(id => all.Any(j => j.Id == id && j.Detail.Contains("state held", StringComparison.Ordinal))),
            () => $"the holding jobs run:\n{Lab("jobs").Stdout}\n{_agents[Victim].Stderr}\n{_agents[Remote].Stderr}", TimeSpan.FromMinutes(3));

        // The remote agent's link drops for a minute while its job runs and the 64 jobs arrive;
        // just before it comes back, the lab still sees the job running.
        _link.Cut();
        var cut = Stopwatch.StartNew();
        Task<string> reconnect = Task.Run(async () =>
        {
            await using UserClient lab = await UserClient.ConnectAsync(_nats, "lab");
            await Task.Delay(Drop);
            string state = await lab.JobStateAsync(remote);
            _link.Restore();
            TestContext.Out.WriteLine($"link to {Bench(Remote)} cut for {cut.Elapsed.TotalSeconds:0.0} s");
            return state;
        });
        var jobs = new ConcurrentDictionary<string, (int Agent, int Slot)>();
        long submitted = clock.ElapsedMilliseconds;
        Task submitting = Task.Run(() => Parallel.ForEach(
            Enumerable.Range(0, JobsPerSlot).SelectMany(round => Enumerable.Range(0, Agents * SlotsPerAgent).Select(n => (round, a: n / SlotsPerAgent, s: n % SlotsPerAgent))),
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            j => jobs[Submit(j.a, j.s, $"SN-{j.a}-{j.s}-{j.round}", byDevice: j.round == 0)] = (j.a, j.s)));

        // Kill the victim with SIGKILL while its two jobs run: their slots are switched off by the runs' own rigs at once.
        _agents[Victim].Signal(9);
        var off = Stopwatch.StartNew();
        string[] flashes = [.. Enumerable.Range(0, 2).Select(s => Path.Combine(_dir[$"root-{Victim}"], $"s{s}", "flash"))];
        WaitFor(() => flashes.All(f => VirtualDeviceProcess.FindRunning(f) is null), "the killed agent's slots are off", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));
        TestContext.Out.WriteLine($"slots off {off.ElapsedMilliseconds} ms after the agent's SIGKILL");
        Assert.That(off.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "the slots went off with their agent");

        // The killed agent comes back (as its unit would restart it): the job it lost without a
        // retry ends as an error; the one with a retry runs again; its queued jobs run.
        _gone.Add(_agents[Victim]);
        _agents[Victim] = StartAgent(Victim);

        // The server restarts while the other agents run jobs; nothing is lost.
        await submitting;
        _nats.Kill();
        _nats.Start();
        Assert.That(await reconnect, Is.EqualTo("running"), "cut off for a minute, the remote agent still holds its job");
        WaitFor(() => _agents[Remote].Stderr.Contains("connected to the lab's server again", StringComparison.Ordinal), () => $"the remote agent redials by itself:\n{_agents[Remote].Stderr}");
        Assert.That(_agents[Remote].Stderr, Does.Contain("lost the lab's server"));

        long[] busy = new long[Agents];
        List<Job> done = WaitFor(() =>
        {
            for (int a = 0; a < Agents; a++)
            {
                busy[a] = Math.Max(busy[a], Rss(_agents[a].Pid));
            }

            return Jobs() is var all && all.Count(j => (jobs.ContainsKey(j.Id) || j.Id == held || j.Id == retried || j.Id == remote) && j.Finished) == jobs.Count + 3 ? all : null;
        }, () => $"every job ended:\n{Lab("jobs").Stdout}\n{string.Join("\n", _agents.Concat(_gone).Select(a => a.Stderr))}", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2));
        double minutes = (clock.ElapsedMilliseconds - submitted) / 60_000.0;
        TestContext.Out.WriteLine($"{jobs.Count + 3} jobs ended {minutes:0.0} min after the 64 were submitted; test {clock.Elapsed.TotalMinutes:0.0} min so far");
        TestContext.Out.WriteLine($"agent RSS idle: {string.Join(", ", idle.Select(Mb))}; peak while running: {string.Join(", ", busy.Select(Mb))}");

        Job lost = done.Single(j => j.Id == held);
        Assert.That(lost.State, Is.EqualTo("error"));
        Assert.That(lost.Detail, Is.EqualTo("agent lost at plan HOLD-1, state held"));
        Job again = done.Single(j => j.Id == retried);
        Assert.That(again.State, Is.EqualTo("done"), again.Detail);
        Assert.That(again.Detail, Does.EndWith("(run 2: queued again once (asked by its submitter): agent lost at plan HOLD-2, state held)"));
        Assert.That(done.Where(j => jobs.ContainsKey(j.Id) || j.Id == remote).Select(j => $"{j.Id} {j.State}"), Is.All.EndsWith(" done"));
        foreach (var (id, (a, s)) in jobs)
        {
            Assert.That(done.Single(j => j.Id == id).Where, Is.EqualTo($"{Bench(a)}/s{s}"), "a job by device label went to the slot that holds the device");
        }

        // Every job started once (the retried one twice), as the agents' logs tell.
        string logs = string.Join("\n", _agents.Concat(_gone).Select(a => a.Stderr));
        foreach (string id in jobs.Keys.Append(remote))
        {
            Assert.That(Occurrences(logs, $"job {id} started"), Is.EqualTo(1), id);
        }

        Assert.That(Occurrences(logs, $"job {retried} started"), Is.EqualTo(2));

        // Each result folder verifies; no two jobs of a slot overlapped; no journal line was lost on the way (watch --raw has them all).
        var spans = new List<(string Slot, long From, long To)>();
        foreach (string id in jobs.Keys.Append(retried).Append(remote))
        {
            (int a, int s) = jobs.TryGetValue(id, out var w) ? w : id == remote ? (Remote, 0) : (Victim, 1);
            string result = _dir[$"result-{id}"];
            var (fetched, _, fetchErr) = Lab("results", "fetch", id, "--out", result);
            Assert.That(fetched, Is.Zero, fetchErr);
            OpenSsl.Result sig = OpenSsl.Run("dgst", "-sha256", "-verify", _dir["p.pem"], "-signature", Path.Combine(result, "report.html.sig"), Path.Combine(result, "report.html"));
            Assert.That(sig.ExitCode, Is.Zero, $"{id}: {sig.Stderr}");
            string[] journal = File.ReadAllLines(Path.Combine(result, "journal.jsonl"));
            long[] times = [.. journal.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("mono_ns").GetInt64())];
            spans.Add(($"{Bench(a)}/s{s}", times.Min(), times.Max()));
            if (a == Remote || (a == Victim && id != retried)) // (a job run twice has both runs' lines)
            {
                var (watched, lines, watchErr) = Lab("watch", id, "--raw");
                Assert.That(watched, Is.Zero.Or.EqualTo(1), watchErr);
                Assert.That(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1, Is.EqualTo(journal.Length), $"{id}: every journal line reached the lab");
            }
        }

        foreach (var group in spans.GroupBy(s => s.Slot))
        {
            var ordered = group.OrderBy(s => s.From).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                Assert.That(ordered[i].From, Is.GreaterThan(ordered[i - 1].To), $"two jobs overlapped on {group.Key}");
            }
        }

        await AgentKeepsToItsBenchAsync(jobs.First(j => j.Value.Agent == 0).Key, jobs.First(j => j.Value.Agent == 2).Key);
        TestContext.Out.WriteLine($"test {clock.Elapsed.TotalMinutes:0.0} min");
    }

    /// <summary>
    /// The lab's throughput with the demo's plans: agents with the three virtual cameras of the
    /// built-in bench (same boot and login delays), each slot certified against the ETSI EN 303 645
    /// baseline scheme, as rig demo does. Prints jobs per minute and the agents' memory. Explicit:
    /// a measurement of several minutes (RIG_LAB_AGENTS, RIG_LAB_SLOTS, RIG_LAB_JOBS_PER_SLOT).
    /// </summary>
    [Test]
    [Explicit("a measurement of several minutes")]
    public void Throughput()
    {
        int agents = Setting("RIG_LAB_AGENTS", 4, Agents), slotsPer = Setting("RIG_LAB_SLOTS", 3, 12), perSlot = Setting("RIG_LAB_JOBS_PER_SLOT", 2, 20);
        string[] cameras = ["vcam-vulnerable", "vcam-hardened", "vcam-partial"];
        Assert.That(Lab("jobs").Exit, Is.Zero);
        for (int a = 0; a < agents; a++)
        {
            var slots = new StringBuilder();
            for (int s = 0; s < slotsPer; s++)
            {
                string address = $"127.0.1.{1 + (a * slotsPer) + s}";
                string camera = cameras[s % cameras.Length];
                slots.Append($"""
                      s{s}:
                        power: {"{"} backend: sim, personality: {camera}, address: {address}, state: s{s}/flash, login_fail_delay: 3s, boot_scale: 0.25 {"}"}
                        console: {"{"} path: s{s}/console {"}"}
                        cycle_off: 500ms

                    """);
                _dir.WriteProfile($"profiles/{a}-{s}.yaml", TestPaths.ProfileText(camera).Replace("address: 127.0.0.", $"address: {address} # ", StringComparison.Ordinal));
            }

            _dir.Write($"bench-{a}.yaml", $"bench: {Bench(a)}\nslots:\n{slots}");
            _agents.Add(StartAgent(a));
        }

        WaitFor(() => Lab("jobs").Stdout is var listed && Enumerable.Range(0, agents).All(a => listed.Contains($"{Bench(a)} (", StringComparison.Ordinal)), "every agent announced itself");
        Thread.Sleep(TimeSpan.FromSeconds(5)); // settled: the idle figure is not the start-up's
        long[] idle = [.. _agents.Select(a => Rss(a.Pid))];
        var clock = Stopwatch.StartNew();
        var ids = new ConcurrentBag<string>();
        Parallel.ForEach(Enumerable.Range(0, agents * slotsPer * perSlot), new ParallelOptions { MaxDegreeOfParallelism = 3 }, n =>
        {
            int a = n / (slotsPer * perSlot), s = n % slotsPer;
            ids.Add(Submitted(Lab("submit", "--bench", Bench(a), "--slot", $"s{s}", "--profile", _dir[$"profiles/{a}-{s}.yaml"], "--scheme", "etsi-en-303-645-baseline", "--serial", $"SN-{n}")));
        });
        long[] busy = new long[agents];
        List<Job> done = WaitFor(() =>
        {
            for (int a = 0; a < agents; a++)
            {
                busy[a] = Math.Max(busy[a], Rss(_agents[a].Pid));
            }

            return Jobs() is var all && all.Count(j => ids.Contains(j.Id) && j.Finished) == ids.Count ? all : null;
        }, () => Lab("jobs").Stdout, TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(2));
        double minutes = clock.Elapsed.TotalMinutes;
        Assert.That(done.Where(j => ids.Contains(j.Id)).Select(j => j.State), Is.All.EqualTo("done"), string.Join("\n", done));
        TestContext.Out.WriteLine($"{agents} agents x {slotsPer} slots, {ids.Count} jobs of the baseline scheme: {minutes:0.0} min, {ids.Count / minutes:0.0} jobs per minute");
        TestContext.Out.WriteLine($"agent RSS idle: {string.Join(", ", idle.Select(Mb))}; peak while running: {string.Join(", ", busy.Select(Mb))}");
    }

    private static int Setting(string name, int fallback, int max) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v >= 1 ? Math.Min(v, max) : fallback;

    /// <summary>With bench 2's credentials: its own job record and result store are readable; bench 0's are refused, and so is taking a job from bench 0's or an unserved bench's queue.</summary>
    private async Task AgentKeepsToItsBenchAsync(string otherJob, string ownJob)
    {
        string orphan = Submit("shelf9", "s0", _dir["profile-0-0.yaml"], "SN-none");
        Assert.That(Lab("jobs").Stdout, Does.Contain($"{orphan}  shelf9/s0  queued     waiting: no agent serves bench shelf9"));

        await using UserClient agent = await UserClient.ConnectAsync(_nats, Bench(2));
        INatsJSContext js = agent.Client.CreateJetStreamContext();
        INatsKVStore records = await agent.Client.CreateKeyValueStoreContext(new NatsKVOpts { UseDirectGetApiWithKeysInSubject = true }).GetStoreAsync("rig-jobs");
        Assert.That((await records.GetEntryAsync<byte[]>(ownJob)).Value, Is.Not.Empty, "its own job's record");
        var own = await (await agent.Client.CreateObjectStoreContext().GetObjectStoreAsync($"rig-results-{Bench(2)}")).GetInfoAsync($"{ownJob}/report.html");
        Assert.That((long)own.Size, Is.EqualTo(new FileInfo(Path.Combine(_dir[$"result-{ownJob}"], "report.html")).Length), "its own job's results");

        Assert.That(await agent.RefusedAsync($"$KV.rig-jobs.{otherJob}", ct => records.GetEntryAsync<byte[]>(otherJob, cancellationToken: ct).AsTask()), Is.Not.Null, "another bench's job record");
        Assert.That(await agent.RefusedAsync($"OBJ_rig-results-{Bench(0)}", ct => agent.Client.CreateObjectStoreContext().GetObjectStoreAsync($"rig-results-{Bench(0)}", ct).AsTask()), Is.Not.Null, "another bench's result store");
        Assert.That(await agent.RefusedAsync($"$JS.API.STREAM.MSG.GET.OBJ_rig-results-{Bench(0)}", ct => agent.Client.Connection.RequestAsync<byte[], byte[]>(
            $"$JS.API.STREAM.MSG.GET.OBJ_rig-results-{Bench(0)}", Encoding.UTF8.GetBytes("{\"seq\":1}"), cancellationToken: ct).AsTask()), Is.Not.Null, "another bench's results, read by sequence");
        Assert.That(await agent.RefusedAsync("RIG_JOBS_shelf9", ct => js.CreateOrUpdateConsumerAsync("RIG_JOBS_shelf9",
            new ConsumerConfig("agent-s0") { FilterSubject = "rig.jobs.shelf9.s0", AckPolicy = ConsumerConfigAckPolicy.Explicit }, ct).AsTask()), Is.Not.Null, "a consumer on another bench's queue");
        Assert.That(await agent.RefusedAsync($"$JS.API.CONSUMER.MSG.NEXT.RIG_JOBS_{Bench(0)}.agent-s0", ct => agent.Client.Connection.RequestAsync<byte[], byte[]>(
            $"$JS.API.CONSUMER.MSG.NEXT.RIG_JOBS_{Bench(0)}.agent-s0", Encoding.UTF8.GetBytes("{\"batch\":1,\"no_wait\":true}"), cancellationToken: ct).AsTask()), Is.Not.Null, "a job from another agent's consumer");
        Assert.That(Lab("jobs").Stdout, Does.Contain($"{orphan}  shelf9/s0  queued"), "the other bench's job is still queued");
    }

    private sealed record Job(string Id, string Where, string State, string Detail)
    {
        public bool Finished => State is "done" or "error" or "cancelled";
    }

    private static string Bench(int a) => $"shelf{a}";

    private List<Job> Jobs()
    {
        var (exit, stdout, stderr) = Lab("jobs");
        Assert.That(exit, Is.Zero, stderr);
        var list = new List<Job>();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("agents:", StringComparison.Ordinal)))
        {
            string[] parts = line.Split("  ", 4, StringSplitOptions.None);
            list.Add(new Job(parts[0], parts[1], parts[2].Trim(), parts[3].Trim()));
        }

        return list;
    }

    private string Submit(int a, int s, string serial, bool byDevice) => byDevice
        ? Submitted(Lab("submit", "--device", $"cam-{a}-{s}", "--profile", _dir[$"profile-{a}-{s}.yaml"], "--plan", "UART-01", "--serial", serial))
        : Submit(Bench(a), $"s{s}", _dir[$"profile-{a}-{s}.yaml"], serial);

    private string Submit(string bench, string slot, string profile, string serial) =>
        Submitted(Lab("submit", "--bench", bench, "--slot", slot, "--profile", profile, "--plan", "UART-01", "--serial", serial));

    private string SubmitPlan(int a, int s, string plan, params string[] more) =>
        Submitted(Lab(["submit", "--bench", Bench(a), "--slot", $"s{s}", "--profile", _dir[$"profile-{a}-{s}.yaml"], "--plan", plan, .. more]));

    private static string Submitted((int Exit, string Stdout, string Stderr) run)
    {
        Assert.That(run.Exit, Is.Zero, run.Stderr);
        return run.Stdout.Trim();
    }

    private string Hold(string id, string time) => _dir.Write($"{id}.yaml", $"""
        plan: {id}
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
              - after: {time}
                verdict: inconclusive
                because: held for {time}
        """);

    private (int Exit, string Stdout, string Stderr) Lab(params string[] args) =>
        RigProcess.Run(_dir.Path, [.. args, "--nats", _nats.Url, "--nats-ca", _nats.CaFile, "--nats-user", "lab", "--nats-password-env", NatsServer.PasswordVariable("lab")]);

    private string[] AgentArgs(int a) =>
        ["agent", "--bench", _dir[$"bench-{a}.yaml"], "--nats", a == Remote ? $"tls://127.0.0.1:{_link.Port}" : _nats.Url, "--nats-ca", _nats.CaFile,
         "--nats-user", Bench(a), "--nats-password-env", NatsServer.PasswordVariable(Bench(a)),
         "--key", _dir["k.pem"], "--state-root", _dir[$"root-{a}"], "--work", _dir[$"work-{a}"]];

    private RigProcess StartAgent(int a) => RigProcess.Start(_dir.Path, AgentArgs(a));

    private void WriteBench(int a)
    {
        var slots = new StringBuilder();
        for (int s = 0; s < SlotsPerAgent; s++)
        {
            string address = $"127.0.0.{101 + (a * SlotsPerAgent) + s}";
            slots.Append($"""
                  s{s}:
                    device: cam-{a}-{s}
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

        _dir.Write($"bench-{a}.yaml", $"bench: {Bench(a)}\nslots:\n{slots}");
    }

    private static long Rss(int pid)
    {
        try
        {
            string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):0} MB";

    private static int Occurrences(string text, string what)
    {
        int n = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static T WaitFor<T>(Func<T?> probe, string what, TimeSpan? limit = null, TimeSpan? every = null) => WaitFor(probe, () => what, limit, every);

    private static T WaitFor<T>(Func<T?> probe, Func<string> what, TimeSpan? limit = null, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value && (value is not bool b || b))
            {
                return value;
            }

            Assert.That(clock.Elapsed, Is.LessThan(limit ?? TimeSpan.FromMinutes(2)), () => $"waited too long: {what()}");
            Thread.Sleep(every ?? TimeSpan.FromMilliseconds(500));
        }
    }
}
