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
            await using LabConnection connection = await lab.ConnectPatientlyAsync(parsed, $"rig agent {benchName}", Say, ct).ConfigureAwait(false);
            var claim = new AgentClaim(benchName, agent, Environment.MachineName, Environment.ProcessId, DateTimeOffset.UtcNow, slots);
            ulong revision = await ClaimAsync(connection, claim, ct).ConfigureAwait(false);
            try
            {
                await MarkLostJobsAsync(connection, benchName, ct).ConfigureAwait(false);
                Say($"serving bench {benchName} ({string.Join(", ", slots)}) as {agent}");
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                SlotWorker[] workers = [.. slots.Select(s => new SlotWorker(connection, setup, s, Say))];
                Task heartbeat = HeartbeatAsync(connection, claim, revision, stop.Token);
                Task cancels = CancelsAsync(connection, workers, stop.Token);
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
    /// Creates the bench's claim. A claim held by another agent is waited on for one claim life:
    /// an agent restarted after a crash finds its predecessor's claim, which lapses within that
    /// time; a live holder keeps renewing it, and this agent is then refused, naming it.
    /// </summary>
    private static async Task<ulong> ClaimAsync(LabConnection lab, AgentClaim claim, CancellationToken ct)
    {
        string key = LabNames.AgentKey(claim.Bench);
        var clock = System.Diagnostics.Stopwatch.StartNew();
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
                if (holder is null)
                {
                    Say($"bench {claim.Bench} is claimed by {Describe(now)}; waiting up to {(LabNames.ClaimLife + TimeSpan.FromSeconds(5)).TotalSeconds:0} s for the claim to lapse");
                }

                holder = now;
            }

            if (clock.Elapsed > LabNames.ClaimLife + TimeSpan.FromSeconds(5))
            {
                throw new UsageException($"bench {claim.Bench} is already served by {(holder is null ? "another agent" : Describe(holder))}; two agents cannot share a bench");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    private static string Describe(AgentClaim c) => $"agent {c.Agent} (host {c.Host}, pid {c.Pid}, since {c.Since:u})";

    /// <summary>Keeps the claim alive; after an outage it takes the claim again unless another agent took it meanwhile.</summary>
    private static async Task HeartbeatAsync(LabConnection lab, AgentClaim claim, ulong revision, CancellationToken stop)
    {
        string key = LabNames.AgentKey(claim.Bench);
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(LabNames.ClaimLife / 5, stop).ConfigureAwait(false);
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
    private static async Task CancelsAsync(LabConnection lab, SlotWorker[] workers, CancellationToken stop)
    {
        await foreach (NatsMsg<byte[]> msg in lab.Client.SubscribeAsync<byte[]>("rig.cancel.>", cancellationToken: stop).ConfigureAwait(false))
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

    /// <summary>Jobs an earlier agent of this bench left running ended with it: they end as errors, never run again by themselves.</summary>
    private static async Task MarkLostJobsAsync(LabConnection lab, string bench, CancellationToken ct)
    {
        foreach (JobRecord job in await lab.AllJobsAsync(ct).ConfigureAwait(false))
        {
            if (job.Bench == bench && job.State == JobStates.Running)
            {
                await lab.UpdateJobAsync(job.Id, j => j.State != JobStates.Running ? null : j with
                {
                    State = JobStates.Error,
                    Ended = DateTimeOffset.UtcNow,
                    Reason = LostReason(j),
                }, ct).ConfigureAwait(false);
            }
        }
    }

    public static string LostReason(JobRecord j) => $"agent lost at plan {j.Plan ?? "-"}, state {j.PlanState ?? "-"}";

    private static void Say(string line) => Console.Error.WriteLine($"rig agent: {line}");
}
