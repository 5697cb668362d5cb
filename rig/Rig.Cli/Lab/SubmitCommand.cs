using System.CommandLine;
using System.Text;
using NATS.Client.JetStream;
using Rig.Cli.Commands;

namespace Rig.Cli.Lab;

/// <summary><c>rig submit</c>: queues a certification for a bench's slot and prints the job's id.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var command = new Command("submit", "Queue a certification job for a slot of a lab bench; prints the job id.");
        var lab = new LabOptions();
        var bench = new Option<string>("--bench") { Description = "The bench's name (as its agent serves it)", Required = true };
        var slot = new Option<string>("--slot") { Description = "The slot the device sits in", Required = true };
        var profile = new Option<string>("--profile") { Description = "The device profile: a shipped profile's name or a file on the agent's machine", Required = true };
        var plans = new Option<string[]>("--plan") { Description = "Plan id; repeatable (default: the agent's rig certify default)", AllowMultipleArgumentsPerToken = true };
        var scheme = new Option<string?>("--scheme") { Description = "Certification scheme id" };
        var serial = new Option<string?>("--serial") { Description = "The unit's serial number" };
        lab.AddTo(command);
        command.Options.Add(bench);
        command.Options.Add(slot);
        command.Options.Add(profile);
        command.Options.Add(plans);
        command.Options.Add(scheme);
        command.Options.Add(serial);
        command.SetAction(async (parsed, ct) =>
        {
            string[] planList = parsed.GetValue(plans) ?? [];
            if (planList.Length > 0 && parsed.GetValue(scheme) is not null)
            {
                throw new UsageException("--scheme decides which plans run; give --scheme or --plan, not both");
            }

            var job = new JobRecord
            {
                Id = NewId(),
                Bench = LabNames.Token("--bench", parsed.GetValue(bench)!),
                Slot = LabNames.Token("--slot", parsed.GetValue(slot)!),
                Profile = parsed.GetValue(profile)!,
                Plans = planList,
                Scheme = parsed.GetValue(scheme),
                Serial = parsed.GetValue(serial),
                Submitter = Environment.UserName,
                Submitted = DateTimeOffset.UtcNow,
            };
            await using LabConnection connection = await lab.ConnectAsync(parsed, "rig submit", ct).ConfigureAwait(false);
            await connection.Jobs.CreateAsync(job.Id, job.ToJson(), cancellationToken: ct).ConfigureAwait(false); // the record first: an agent that takes the job finds it
            var ack = await connection.JetStream.PublishAsync(LabNames.JobSubject(job.Bench, job.Slot), Encoding.UTF8.GetBytes(job.Id),
                opts: new NatsJSPubOpts { MsgId = job.Id }, cancellationToken: ct).ConfigureAwait(false);
            ack.EnsureSuccess();
            Console.WriteLine(job.Id);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Sortable by submission time, unique without coordination, and safe as a subject token and file name.</summary>
    private static string NewId() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..10]}";
}
