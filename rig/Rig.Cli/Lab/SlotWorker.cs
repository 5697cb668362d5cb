using System.Text;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Rig.Engine.Journal;

namespace Rig.Cli.Lab;

/// <summary>
/// Takes one slot's jobs from the queue, one at a time, and runs each as <c>rig certify</c> does.
/// A job is acknowledged (removed from the queue) before it runs: a job whose agent dies is never
/// started again by itself, since the device may have been in the middle of an update.
/// </summary>
internal sealed class SlotWorker(LabConnection lab, AgentSetup setup, string slot, string? device, Action<string> say)
{
    private JobProcess? _running;
    private string? _runningJob;

    /// <summary>Stops the slot's job if it is <paramref name="job"/>.</summary>
    public bool Cancel(string job)
    {
        if (_runningJob == job && _running is { } p)
        {
            p.Stop();
            return true;
        }

        return false;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        INatsJSConsumer? consumer = null;
        bool told = false;
        while (consumer is null)
        {
            try
            {
                consumer = await lab.JetStream.CreateOrUpdateConsumerAsync(LabNames.JobStream(setup.Bench), new ConsumerConfig($"agent-{slot}")
                {
                    FilterSubject = LabNames.JobSubject(setup.Bench, slot),
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    MaxAckPending = 1,
                }, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // The bench's queue is made by a lab user's first submit for it; the server may be restarting.
                if (!told)
                {
                    say($"slot {slot}: no job queue yet ({(e is NatsJSApiException { Error.Code: 404 } ? $"bench {setup.Bench} has had no job" : e.Message)}); waiting");
                    told = true;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), stop).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        while (!stop.IsCancellationRequested)
        {
            INatsJSMsg<byte[]>? next;
            try
            {
                next = await consumer.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) }, cancellationToken: stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e)
            {
                // A server that restarts, a network that drops: the slot keeps asking (the job, if
                // one was in flight, is still in the queue: it is acknowledged only when taken).
                say($"slot {slot}: the queue did not answer ({e.GetType().Name}: {e.Message}); trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                continue;
            }

            if (next is not { } msg)
            {
                continue;
            }

            // Acknowledged before it runs (if the acknowledgement is lost, the queue offers the job
            // again; the job's record, no longer queued, makes the agent skip it).
            string id = Encoding.UTF8.GetString(msg.Data ?? []);
            await RetryAsync($"job {id}: acknowledge", () => msg.AckAsync(new AckOpts { DoubleAck = true }, CancellationToken.None).AsTask()).ConfigureAwait(false);
            await RunJobAsync(id, stop).ConfigureAwait(false);
        }
    }

    private async Task RunJobAsync(string id, CancellationToken stop)
    {
        JobRecord? job = null;
        await RetryAsync($"job {id}: take", async () => job = await lab.UpdateJobAsync(id, j => j.State == JobStates.Queued && !j.CancelRequested
            ? j with { State = JobStates.Running, Agent = setup.Agent, Started = DateTimeOffset.UtcNow }
            : j.State == JobStates.Queued ? j with { State = JobStates.Cancelled, Ended = DateTimeOffset.UtcNow, Reason = "cancelled before it started" } : null, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        if (job is null || job.State != JobStates.Running || job.Agent != setup.Agent)
        {
            say($"slot {slot}: job {id} skipped ({job?.State ?? "no record"})");
            return;
        }

        string outDir = Path.Combine(setup.WorkDir, job.Retried == 0 ? id : $"{id}-run{job.Retried + 1}"); // a run again never writes into the lost run's folder
        say($"slot {slot}: job {id} started ({job.Profile})");
        await SlotStateAsync(id).ConfigureAwait(false);
        JobProcess process;
        try
        {
            process = await JobProcess.StartAsync(setup.CertifyArgs(job, outDir)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await EndAsync(id, j => j with { State = JobStates.Error, Reason = $"rig could not start: {e.Message}" }).ConfigureAwait(false);
            return;
        }

        (_running, _runningJob) = (process, id);
        using CancellationTokenRegistration onStop = stop.Register(process.Stop); // the agent is stopping: end the run safely
        var journal = new JournalFollower(Path.Combine(outDir, RunJournal.FileName));
        int run = job.Retried + 1;
        string? plan = null, state = null;
        while (true)
        {
            bool ended = await Task.WhenAny(process.Exited, Task.Delay(250, CancellationToken.None)).ConfigureAwait(false) == process.Exited;
            foreach (string line in journal.ReadNew())
            {
                // Every line reaches the stream, in order, also across a server restart: the
                // journal on disk is the record, and the stream waits for the server.
                // The job id, the run's number and the line's sequence number make a re-sent line a duplicate the stream drops.
                JournalEvent? e = JournalReader.Line(line);
                string msgId = $"{id}-{run}-{(e is null ? Guid.NewGuid().ToString("N") : e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
                await RetryAsync($"job {id}: progress", () => lab.PublishOnceAsync(LabNames.ProgressSubject(id), Encoding.UTF8.GetBytes(line), msgId, CancellationToken.None)).ConfigureAwait(false);
                if (JournalFollower.Position(e) is { } at)
                {
                    (plan, state) = (at.Plan, at.State);
                    string? p = plan, s = state;
                    JobRecord? now = null;
                    await RetryAsync($"job {id}: state", async () => now = await lab.UpdateJobAsync(id, j => j with { Plan = p, PlanState = s }, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
                    if (now?.CancelRequested == true)
                    {
                        process.Stop(); // a cancel published while this agent was cut off still stops the run at its next step
                    }
                }
            }

            if (ended)
            {
                break;
            }
        }

        (_running, _runningJob) = (null, null);
        int exit = await process.Exited.ConfigureAwait(false);
        int files = 0;
        await RetryAsync($"job {id}: results", async () => files = Directory.Exists(outDir)
            ? await ResultUpload.PutAsync(await lab.ResultsAsync(setup.Bench, CancellationToken.None).ConfigureAwait(false), id, outDir, CancellationToken.None).ConfigureAwait(false)
            : 0).ConfigureAwait(false);
        bool cancelled = false;
        await RetryAsync($"job {id}: record", async () => cancelled = (await lab.GetJobAsync(id, CancellationToken.None).ConfigureAwait(false))?.Job.CancelRequested == true).ConfigureAwait(false);
        say($"slot {slot}: job {id} ended: exit {exit}, {files} result file(s)");
        await EndAsync(id, j => exit switch
        {
            _ when cancelled => j with { State = JobStates.Cancelled, Exit = exit, Reason = $"cancelled at plan {plan ?? "-"}, state {state ?? "-"}; the slot was driven to its safe state" },
            ExitCodes.Ok or ExitCodes.DeviceFailed => j with { State = JobStates.Done, Exit = exit, Outcome = exit == ExitCodes.Ok ? "every plan passed" : "the device failed a plan or a result was inconclusive" },
            _ when stop.IsCancellationRequested => j with { State = JobStates.Error, Exit = exit, Reason = $"the agent stopped at plan {plan ?? "-"}, state {state ?? "-"}" },
            _ => j with { State = JobStates.Error, Exit = exit, Reason = $"rig certify exited {exit}: {Last(process.LastError)}" },
        }).ConfigureAwait(false);
    }

    private async Task EndAsync(string id, Func<JobRecord, JobRecord> end)
    {
        await RetryAsync($"job {id}: end", () => lab.UpdateJobAsync(id, j => j.Finished ? null : end(j) with { Ended = DateTimeOffset.UtcNow }, CancellationToken.None)).ConfigureAwait(false);
        await SlotStateAsync(null).ConfigureAwait(false);
    }

    /// <summary>The slot's record: the job it runs (so an agent restarted after a crash finds the job it lost), or idle.</summary>
    public Task SlotStateAsync(string? job) =>
        RetryAsync($"slot {slot}: state", () => lab.Slots.PutAsync(LabNames.SlotKey(setup.Bench, slot), new SlotRecord(setup.Bench, slot, device, job, DateTimeOffset.UtcNow).ToJson(), cancellationToken: CancellationToken.None).AsTask());

    /// <summary>Repeats a step until the server takes it: a job in progress is never dropped because the server restarted.</summary>
    private async Task RetryAsync(string what, Func<Task> step)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await step().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not Rig.Protocols.RigFaultException)
            {
                say($"slot {slot}: {what}: {e.GetType().Name}: {e.Message}; trying again");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static string Last(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no message";
}
