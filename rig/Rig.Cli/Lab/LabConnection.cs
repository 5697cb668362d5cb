using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;
using NATS.Client.ObjectStore.Models;
using NATS.Net;

namespace Rig.Cli.Lab;

/// <summary>
/// An open connection to the lab: the job and slot records, the bench claims, each bench's job
/// queue and result store. A lab user's connection creates what is missing; an agent's only looks
/// things up, since the server lets an agent touch nothing but its own bench's keys and subjects.
/// </summary>
internal sealed class LabConnection : IAsyncDisposable
{
    private readonly INatsObjContext _objects;
    private readonly Dictionary<string, INatsObjStore> _results = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _refused = new();
    private string? _refusal;

    private LabConnection(NatsConnection client, INatsJSContext js, INatsKVStore jobs, INatsKVStore slots, INatsKVStore agents, string? agentBench)
    {
        Client = client;
        JetStream = js;
        Jobs = jobs;
        Slots = slots;
        Agents = agents;
        AgentBench = agentBench;
        _objects = client.CreateObjectStoreContext();
    }

    public NatsConnection Client { get; }

    public INatsJSContext JetStream { get; }

    public INatsKVStore Jobs { get; }

    public INatsKVStore Slots { get; }

    public INatsKVStore Agents { get; }

    /// <summary>The bench this connection serves as an agent; null for a lab user.</summary>
    public string? AgentBench { get; }

    /// <summary>The server's last "Permissions Violation", if any: what this connection's user was refused.</summary>
    public string? Refusal => _refusal;

    /// <summary>
    /// Opens the lab. A user creates the shared streams and buckets where missing (idempotent: any
    /// user may be the first on a new server); an agent finds them or is told the lab is not set up.
    /// </summary>
    public static async Task<LabConnection> OpenAsync(NatsConnection client, string? agentBench, Action<string>? say, CancellationToken ct)
    {
        INatsJSContext js = client.CreateJetStreamContext();
        // Keys in the direct-get subject: the server can then allow an agent its own keys only.
        INatsKVContext kv = client.CreateKeyValueStoreContext(new NatsKVOpts { UseDirectGetApiWithKeysInSubject = true });
        INatsKVStore jobs, slots, agents;
        if (agentBench is null)
        {
            await js.CreateOrUpdateStreamAsync(new StreamConfig(LabNames.ProgressStream, ["rig.progress.>"])
            {
                Storage = StreamConfigStorage.File,
                MaxAge = TimeSpan.FromDays(30),
                DuplicateWindow = TimeSpan.FromMinutes(10), // a line re-sent after a lost acknowledgement is kept once
            }, ct).ConfigureAwait(false);
            jobs = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(LabNames.JobBucket) { History = 5, Storage = NatsKVStorageType.File }, ct).ConfigureAwait(false);
            slots = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(LabNames.SlotBucket) { History = 1, Storage = NatsKVStorageType.File }, ct).ConfigureAwait(false);
            agents = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(LabNames.AgentBucket) { MaxAge = LabNames.ClaimLife, Storage = NatsKVStorageType.File }, ct).ConfigureAwait(false);
        }
        else
        {
            try
            {
                jobs = await kv.GetStoreAsync(LabNames.JobBucket, ct).ConfigureAwait(false);
                slots = await kv.GetStoreAsync(LabNames.SlotBucket, ct).ConfigureAwait(false);
                agents = await kv.GetStoreAsync(LabNames.AgentBucket, ct).ConfigureAwait(false);
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                throw new LabNotReadyException("the lab's buckets are not on the server yet (a lab user's first command, e.g. rig jobs, creates them)");
            }
        }

        var lab = new LabConnection(client, js, jobs, slots, agents, agentBench);
        if (agentBench is not null && say is not null)
        {
            // An agent says when it loses the server and when it has it again (it redials by itself).
            client.ConnectionDisconnected += (_, e) => { say($"lost the lab's server ({e.Message}); redialling"); return ValueTask.CompletedTask; };
            client.ConnectionOpened += (_, _) => { say("connected to the lab's server again"); return ValueTask.CompletedTask; };
        }

        client.ServerError += (_, e) =>
        {
            if (e.Kind == NatsServerErrorKind.PermissionsViolation)
            {
                lab._refusal = e.Error;
                say?.Invoke($"the lab's server refused: {e.Error}");
                try
                {
                    lab._refused.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // the command has ended
                }
            }

            return ValueTask.CompletedTask;
        };
        return lab;
    }

    /// <summary>
    /// Runs a lab user's command so that a step the server refuses (no permission) ends it at once
    /// with the server's words, instead of waiting for a reply that never comes.
    /// </summary>
    public async Task<T> RefusableAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken ct)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, _refused.Token);
        try
        {
            return await step(both.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_refusal is { } refusal && e is OperationCanceledException or NatsException)
        {
            throw new Commands.UsageException($"--nats-user: the lab's server refused this user: {refusal}");
        }
    }

    /// <summary>
    /// Publishes to a stream once: a message re-sent after a lost acknowledgement (a server that
    /// restarted, a link that dropped) is a duplicate the stream drops, and that is success.
    /// </summary>
    public async Task PublishOnceAsync(string subject, byte[] data, string msgId, CancellationToken ct)
    {
        PubAckResponse ack = await JetStream.PublishAsync(subject, data, opts: new NatsJSPubOpts { MsgId = msgId }, cancellationToken: ct).ConfigureAwait(false);
        try
        {
            ack.EnsureSuccess();
        }
        catch (NatsJSDuplicateMessageException)
        {
            // already in the stream
        }
    }

    /// <summary>A lab user's side: the bench's job queue and result store exist (created where missing).</summary>
    public async Task EnsureBenchAsync(string bench, CancellationToken ct)
    {
        await JetStream.CreateOrUpdateStreamAsync(new StreamConfig(LabNames.JobStream(bench), [$"rig.jobs.{bench}.>"])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            DuplicateWindow = TimeSpan.FromMinutes(10), // a submit retried after a lost acknowledgement queues the job once
        }, ct).ConfigureAwait(false);
        await ResultsAsync(bench, ct).ConfigureAwait(false);
    }

    /// <summary>The bench's result store: created by a lab user, looked up by its agent.</summary>
    public async Task<INatsObjStore> ResultsAsync(string bench, CancellationToken ct)
    {
        if (_results.TryGetValue(bench, out INatsObjStore? store))
        {
            return store;
        }

        try
        {
            store = AgentBench is null
                ? await _objects.CreateObjectStoreAsync(new NatsObjConfig(LabNames.ResultStore(bench)) { Storage = NatsObjStorageType.File }, ct).ConfigureAwait(false)
                : await _objects.GetObjectStoreAsync(LabNames.ResultStore(bench), ct).ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            throw new LabNotReadyException($"bench {bench} has no result store on the server yet (a lab user's rig submit for the bench creates it)");
        }

        _results[bench] = store;
        return store;
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

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        _refused.Dispose();
    }
}

/// <summary>The lab's server is reachable but lacks a stream or bucket only a lab user may create: an agent waits for it.</summary>
internal sealed class LabNotReadyException(string message) : Exception(message);
