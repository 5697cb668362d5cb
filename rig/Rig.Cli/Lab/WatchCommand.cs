using System.CommandLine;
using System.Text;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Rig.Cli.Commands;
using Rig.Cli.Terminal;
using Rig.Engine.Journal;

namespace Rig.Cli.Lab;

/// <summary><c>rig watch JOB</c>: a job's journal from its first event, live, until the job ends.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var command = new Command("watch", "Follow a lab job live: its plans, states and verdicts (--raw: the journal's lines).");
        var lab = new LabOptions();
        var id = new Argument<string>("job") { Description = "The job id rig submit printed" };
        var raw = new Option<bool>("--raw") { Description = "Print the journal's JSON lines as they come" };
        lab.AddTo(command);
        command.Arguments.Add(id);
        command.Options.Add(raw);
        command.SetAction(async (parsed, ct) =>
        {
            string job = parsed.GetValue(id)!;
            LabNames.BenchOf("job", job);
            await using LabConnection connection = await lab.ConnectAsync(parsed, "rig watch", ct).ConfigureAwait(false);
            if (await connection.GetJobAsync(job, ct).ConfigureAwait(false) is null)
            {
                throw new UsageException($"no job {job} in the lab");
            }

            // An ephemeral consumer of the job's subject alone (one filter subject: the form servers
            // before 2.10 understand), which the server drops a while after this command ends.
            INatsJSConsumer consumer = await connection.JetStream.CreateOrUpdateConsumerAsync(LabNames.ProgressStream, new ConsumerConfig
            {
                Name = $"watch-{Guid.NewGuid():N}",
                FilterSubject = LabNames.ProgressSubject(job),
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                AckPolicy = ConsumerConfigAckPolicy.None,
                InactiveThreshold = TimeSpan.FromMinutes(1),
                MemStorage = true,
            }, ct).ConfigureAwait(false);
            while (true)
            {
                bool any = false;
                await foreach (NatsJSMsg<byte[]> msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 500 }, cancellationToken: ct).ConfigureAwait(false))
                {
                    any = true;
                    string line = Encoding.UTF8.GetString(msg.Data ?? []);
                    if (parsed.GetValue(raw))
                    {
                        Console.WriteLine(Inert.Line(line));
                    }
                    else if (Readable(line) is { } text)
                    {
                        Console.WriteLine(Inert.Line(text));
                    }
                }

                if (!any)
                {
                    JobRecord now = (await connection.GetJobAsync(job, ct).ConfigureAwait(false))!.Value.Job;
                    if (now.Finished)
                    {
                        Console.WriteLine(Inert.Line($"{job}: {now.State}{(now.Reason ?? now.Outcome) switch { null => "", var r => ": " + r }}"));
                        return now.State == JobStates.Done ? ExitCodes.Ok : ExitCodes.RigError;
                    }

                    await Task.Delay(500, ct).ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    /// <summary>A plan start, state change or verdict as a line a person reads; other events are left to --raw.</summary>
    private static string? Readable(string line) => JournalReader.Line(line) switch
    {
        PlanStartEvent start => $"{start.Plan}: started",
        StateEvent state => $"{state.Plan}: state {state.State}",
        VerdictEvent verdict => $"{verdict.Plan}: {verdict.Verdict.ToUpperInvariant()}: {verdict.Reason}",
        _ => null,
    };
}
