using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;
using NATS.Client.ObjectStore.Models;
using NATS.Net;

namespace Rig.Cli.Lab;

/// <summary>An open connection to the lab: the job queue, the job and agent buckets and the result store.</summary>
internal sealed class LabConnection : IAsyncDisposable
{
    private LabConnection(NatsConnection client, INatsJSContext js, INatsKVStore jobs, INatsKVStore agents, INatsObjStore results)
    {
        Client = client;
        JetStream = js;
        Jobs = jobs;
        Agents = agents;
        Results = results;
    }

    public NatsConnection Client { get; }

    public INatsJSContext JetStream { get; }

    public INatsKVStore Jobs { get; }

    public INatsKVStore Agents { get; }

    public INatsObjStore Results { get; }

    /// <summary>Creates what is missing (idempotent: every agent and user may be the first on a new server).</summary>
    public static async Task<LabConnection> OpenAsync(NatsConnection client, CancellationToken ct)
    {
        INatsJSContext js = client.CreateJetStreamContext();
        await js.CreateOrUpdateStreamAsync(new StreamConfig(LabNames.JobStream, ["rig.jobs.>"])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            DuplicateWindow = TimeSpan.FromMinutes(10), // a submit retried after a lost acknowledgement queues the job once
        }, ct).ConfigureAwait(false);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(LabNames.ProgressStream, ["rig.progress.>"])
        {
            Storage = StreamConfigStorage.File,
            MaxAge = TimeSpan.FromDays(30),
        }, ct).ConfigureAwait(false);
        INatsKVContext kv = client.CreateKeyValueStoreContext();
        INatsKVStore jobs = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(LabNames.JobBucket) { History = 5, Storage = NatsKVStorageType.File }, ct).ConfigureAwait(false);
        INatsKVStore agents = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(LabNames.AgentBucket) { MaxAge = LabNames.ClaimLife, Storage = NatsKVStorageType.File }, ct).ConfigureAwait(false);
        INatsObjContext obj = client.CreateObjectStoreContext();
        INatsObjStore results = await obj.CreateObjectStoreAsync(new NatsObjConfig(LabNames.ResultStore) { Storage = NatsObjStorageType.File }, ct).ConfigureAwait(false);
        return new LabConnection(client, js, jobs, agents, results);
    }

    /// <summary>The job's record and its revision, or null when the lab has no such job.</summary>
    public async Task<(JobRecord Job, ulong Revision)?> GetJobAsync(string id, CancellationToken ct)
    {
        NatsResult<NatsKVEntry<byte[]>> entry = await Jobs.TryGetEntryAsync<byte[]>(id, cancellationToken: ct).ConfigureAwait(false);
        return entry.Success && entry.Value.Value is { } v ? (JobRecord.FromJson(v), entry.Value.Revision) : null;
    }

    /// <summary>
    /// Changes a job's record only if nobody changed it since it was read (compare and set), so an
    /// agent's "done" and a user's "cancel" can never overwrite each other. Retries on a race.
    /// </summary>
    public async Task<JobRecord?> UpdateJobAsync(string id, Func<JobRecord, JobRecord?> change, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            if (await GetJobAsync(id, ct).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            if (change(current.Job) is not { } next)
            {
                return current.Job;
            }

            NatsResult<ulong> put = await Jobs.TryUpdateAsync(id, next.ToJson(), current.Revision, cancellationToken: ct).ConfigureAwait(false);
            if (put.Success)
            {
                return next;
            }
        }

        throw new Rig.Protocols.RigFaultException($"lab: job {id}: its record kept changing under this update");
    }

    public async Task<List<JobRecord>> AllJobsAsync(CancellationToken ct)
    {
        var list = new List<JobRecord>();
        try
        {
            await foreach (string key in Jobs.GetKeysAsync(cancellationToken: ct).ConfigureAwait(false))
            {
                if (await GetJobAsync(key, ct).ConfigureAwait(false) is { } j)
                {
                    list.Add(j.Job);
                }
            }
        }
        catch (NatsKVException)
        {
            // no keys yet
        }

        return list;
    }

    public async Task<Dictionary<string, AgentClaim>> AgentsAsync(CancellationToken ct)
    {
        var alive = new Dictionary<string, AgentClaim>(StringComparer.Ordinal);
        try
        {
            await foreach (string key in Agents.GetKeysAsync(cancellationToken: ct).ConfigureAwait(false))
            {
                NatsResult<NatsKVEntry<byte[]>> e = await Agents.TryGetEntryAsync<byte[]>(key, cancellationToken: ct).ConfigureAwait(false);
                if (e.Success && e.Value.Value is { } v)
                {
                    AgentClaim claim = AgentClaim.FromJson(v);
                    alive[claim.Bench] = claim;
                }
            }
        }
        catch (NatsKVException)
        {
            // no agent yet
        }

        return alive;
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync().ConfigureAwait(false);
}
