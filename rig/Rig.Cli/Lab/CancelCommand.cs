using System.CommandLine;
using Rig.Cli.Commands;

namespace Rig.Cli.Lab;

/// <summary><c>rig cancel JOB</c>: a queued job will not start; a running one stops and its slot goes to its safe state.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var command = new Command("cancel", "Cancel a lab job: a queued one never starts, a running one stops with its slot in the safe state.");
        var lab = new LabOptions();
        var id = new Argument<string>("job") { Description = "The job id rig submit printed" };
        lab.AddTo(command);
        command.Arguments.Add(id);
        command.SetAction(async (parsed, ct) =>
        {
            string job = parsed.GetValue(id)!;
            LabNames.BenchOf("job", job);
            await using LabConnection connection = await lab.ConnectAsync(parsed, "rig cancel", ct).ConfigureAwait(false);
            JobRecord after = await connection.UpdateJobAsync(job, j => j.Finished ? null : j.State == JobStates.Queued
                ? j with { CancelRequested = true, State = JobStates.Cancelled, Ended = DateTimeOffset.UtcNow, Reason = "cancelled before it started" }
                : j with { CancelRequested = true }, ct).ConfigureAwait(false) ?? throw new UsageException($"no job {job} in the lab");
            await connection.Client.PublishAsync(LabNames.CancelSubject(job), Array.Empty<byte>(), cancellationToken: ct).ConfigureAwait(false);
            Console.WriteLine(after.Finished && !after.CancelRequested ? $"{job}: already {after.State}" : $"{job}: cancel requested ({after.State})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
