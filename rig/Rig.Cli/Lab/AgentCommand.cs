using System.CommandLine;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using Rig.Cli.Commands;
using Rig.Engine.Bench;

namespace Rig.Cli.Lab;

/// <summary>
/// <c>rig agent</c>: serves one bench to the lab. It claims the bench (a second agent for it is
/// refused), takes each slot's jobs from the queue (one per slot at a time, slots in parallel),
/// runs them as <c>rig certify</c>, streams their journals, and stores their signed folders.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var command = new Command("agent", "Serve this rig's bench to a lab on NATS JetStream: take the jobs for its slots and run them as rig certify does.");
        var bench = new BenchOptions();
        var lab = new LabOptions();
        var signing = new SigningOptions(required: true);
        var work = new Option<string?>("--work") { Description = "Folder for the jobs' result folders. Default: ~/.local/state/rig/agent/BENCH" };
        bench.AddTo(command);
        lab.AddTo(command);
        signing.AddTo(command);
        command.Options.Add(work);
        command.SetAction(async (parsed, ct) =>
        {
            BenchConfig config = bench.Load(parsed);
            string benchName = LabNames.Token("bench name", config.Name);
            string[] slots = [.. config.Slots.Keys.Select(s => LabNames.Token("slot name", s))];
            using (signing.Load(parsed))
            {
                // checked now (readable, owner-only), used by each job's rig certify from its file
            }

            string workDir = Path.GetFullPath(parsed.GetValue(work) ?? Path.Combine(Composition.RigData.StateHome, "agent", benchName));
            Directory.CreateDirectory(workDir);
            string agent = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
            var setup = new AgentSetup(benchName, Path.GetFullPath(parsed.GetValue(bench.Bench)!), agent, workDir,
                Path.GetFullPath(parsed.GetValue(signing.Key)!), parsed.GetValue(signing.PassphraseEnv), parsed.GetValue(bench.StateRoot) is { } r ? Path.GetFullPath(r) : null);
            await using LabConnection connection = await lab.ConnectAgentAsync(parsed, benchName, Say, ct).ConfigureAwait(false);
            var claim = new AgentClaim(benchName, agent, Environment.MachineName, Environment.ProcessId, DateTimeOffset.UtcNow, slots);
            ulong revision = await ClaimAsync(connection, claim, ct).ConfigureAwait(false);
            try
            {
                await MarkLostJobsAsync(connection, benchName, slots, ct).ConfigureAwait(false);
                Say($"serving bench {benchName} ({string.Join(", ", slots)}) as {agent}");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                SlotWorker[] workers = [.. slots.Select(s => new SlotWorker(connection, setup, s, config.Slots[s].Device, Say))];
                foreach (SlotWorker w in workers)
                {
                    await w.SlotStateAsync(null).ConfigureAwait(false); // idle, and its device label for rig submit --device
                }

                Task heartbeat = HeartbeatAsync(connection, claim, revision, stop.Token);
                Task cancels = CancelsAsync(connection, benchName, workers, stop.Token);
                await Task.WhenAll(workers.Select(w => w.RunAsync(stop.Token))).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(heartbeat.ContinueWith(_ => { }, TaskScheduler.Default), cancels.ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
            }
            finally
            {
                await connection.Agents.TryDeleteAsync(LabNames.AgentKey(benchName), cancellationToken: CancellationToken.None).ConfigureAwait(false);
                Say($"bench {benchName} released");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Creates the bench's claim. A claim left by an agent of this host whose process is gone (a
    /// crash, then a restart by its unit) is taken over at once; one held by a live agent of this
    /// host is refused at once; one from another host is waited on for one claim life, since a
    /// live holder keeps renewing it, and this agent is then refused, naming it.
    /// </summary>
    private static async Task<ulong> ClaimAsync(LabConnection lab, AgentClaim claim, CancellationToken ct)
    {
        string key = LabNames.AgentKey(claim.Bench);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan patience = LabNames.ClaimLife + TimeSpan.FromSeconds(5);
        AgentClaim? holder = null;
        while (true)
        {
            NatsResult<ulong> made = await lab.Agents.TryCreateAsync(key, claim.ToJson(), cancellationToken: ct).ConfigureAwait(false);
            if (made.Success)
            {
                return made.Value;
            }

            var held = await lab.Agents.TryGetEntryAsync<byte[]>(key, cancellationToken: ct).ConfigureAwait(false);
            if (held.Success && held.Value.Value is { } v)
            {
                AgentClaim now = AgentClaim.FromJson(v);
                if (now.Host == claim.Host && !AgentAlive(now.Pid))
                {
                    NatsResult<ulong> taken = await lab.Agents.TryUpdateAsync(key, claim.ToJson(), held.Value.Revision, cancellationToken: ct).ConfigureAwait(false);
                    if (taken.Success)
                    {
                        Say($"bench {claim.Bench}: took over the claim of {Describe(now)}, whose process is gone");
                        return taken.Value;
                    }

                    continue;
                }

                if (now.Host == claim.Host)
                {
                    throw new UsageException($"bench {claim.Bench} is already served by {Describe(now)}; two agents cannot share a bench");
                }

                if (holder is null)
                {
                    Say($"bench {claim.Bench} is claimed by {Describe(now)}; waiting up to {patience.TotalSeconds:0} s for the claim to lapse");
                }

                holder = now;
            }

            if (clock.Elapsed > patience)
            {
                throw new UsageException($"bench {claim.Bench} is already served by {(holder is null ? "another agent" : Describe(holder))}; two agents cannot share a bench");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the process is a live rig agent (not gone, not a zombie, not another program that reuses the pid).</summary>
    private static bool AgentAlive(int pid)
    {
        try
        {
            string[] args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return args.Contains("agent", StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // another user's process with that pid: not ours to judge dead
        }
    }

    private static string Describe(AgentClaim c) => $"agent {c.Agent} (host {c.Host}, pid {c.Pid}, since {c.Since:u})";

    /// <summary>Keeps the claim alive; after an outage it takes the claim again unless another agent took it meanwhile.</summary>
    private static async Task HeartbeatAsync(LabConnection lab, AgentClaim claim, ulong revision, CancellationToken stop)
    {
        string key = LabNames.AgentKey(claim.Bench);
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(LabNames.Heartbeat, stop).ConfigureAwait(false);
            try
            {
                NatsResult<ulong> beat = await lab.Agents.TryUpdateAsync(key, claim.ToJson(), revision, cancellationToken: stop).ConfigureAwait(false);
                if (!beat.Success)
                {
                    NatsResult<ulong> again = await lab.Agents.TryCreateAsync(key, claim.ToJson(), cancellationToken: stop).ConfigureAwait(false);
                    beat = again;
                }

                if (beat.Success)
                {
                    revision = beat.Value;
                }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                Say($"heartbeat: {e.GetType().Name}: {e.Message}; trying again");
            }
        }
    }

    /// <summary>Stops a running job when someone cancels it.</summary>
    private static async Task CancelsAsync(LabConnection lab, string bench, SlotWorker[] workers, CancellationToken stop)
    {
        await foreach (NatsMsg<byte[]> msg in lab.Client.SubscribeAsync<byte[]>(LabNames.CancelSubject($"{bench}.>"), cancellationToken: stop).ConfigureAwait(false))
        {
            string job = msg.Subject["rig.cancel.".Length..];
            foreach (SlotWorker w in workers)
            {
                if (w.Cancel(job))
                {
                    Say($"job {job}: cancelled; stopping its run");
                }
            }
        }
    }

    /// <summary>
    /// Jobs an earlier agent of this bench left running (its slots' records still name them) ended
    /// with it: they end as errors, or are queued once more if their submitter asked for a retry.
    /// </summary>
    private static async Task MarkLostJobsAsync(LabConnection lab, string bench, string[] slots, CancellationToken ct)
    {
        foreach (string slot in slots)
        {
            NatsResult<NatsKVEntry<byte[]>> entry = await lab.Slots.TryGetEntryAsync<byte[]>(LabNames.SlotKey(bench, slot), cancellationToken: ct).ConfigureAwait(false);
            if (entry.Success && entry.Value.Value is { } v && SlotRecord.FromJson(v).Job is { } job)
            {
                await LostJobs.EndAsync(lab, job, ct).ConfigureAwait(false);
            }
        }
    }

    private static void Say(string line) => Console.Error.WriteLine($"rig agent: {line}");
}
