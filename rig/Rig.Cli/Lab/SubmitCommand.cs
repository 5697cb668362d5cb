using System.CommandLine;
using System.Text;
using Rig.Cli.Commands;

namespace Rig.Cli.Lab;

/// <summary><c>rig submit</c>: queues a certification for a bench's slot, or for a device by its label, and prints the job's id.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var command = new Command("submit", "Queue a certification job for a slot of a lab bench (--bench and --slot, or --device); prints the job id.");
        var lab = new LabOptions();
        var bench = new Option<string?>("--bench") { Description = "The bench's name (as its agent serves it)" };
        var slot = new Option<string?>("--slot") { Description = "The slot the device sits in" };
        var device = new Option<string?>("--device") { Description = "The device's label, as a bench file's slot names it (device:); instead of --bench and --slot" };
        var profile = new Option<string>("--profile") { Description = "The device profile: a shipped profile's name or a file on the agent's machine", Required = true };
        var plans = new Option<string[]>("--plan") { Description = "Plan id; repeatable (default: the agent's rig certify default)", AllowMultipleArgumentsPerToken = true };
        var scheme = new Option<string?>("--scheme") { Description = "Certification scheme id" };
        var serial = new Option<string?>("--serial") { Description = "The unit's serial number" };
        var retry = new Option<bool>("--retry") { Description = "If the agent is lost mid-job, queue the job once more (only for devices a repeated run cannot harm)" };
        lab.AddTo(command);
        command.Options.Add(bench);
        command.Options.Add(slot);
        command.Options.Add(device);
        command.Options.Add(profile);
        command.Options.Add(plans);
        command.Options.Add(scheme);
        command.Options.Add(serial);
        command.Options.Add(retry);
        command.SetAction(async (parsed, ct) =>
        {
            string[] planList = parsed.GetValue(plans) ?? [];
            if (planList.Length > 0 && parsed.GetValue(scheme) is not null)
            {
                throw new UsageException("--scheme decides which plans run; give --scheme or --plan, not both");
            }

            string? label = parsed.GetValue(device);
            if (label is not null == (parsed.GetValue(bench) is not null || parsed.GetValue(slot) is not null))
            {
                throw new UsageException("--device: give --device, or --bench and --slot");
            }

            if (label is null && (parsed.GetValue(bench) is null || parsed.GetValue(slot) is null))
            {
                throw new UsageException("--bench and --slot: give both");
            }

            await using LabConnection connection = await lab.ConnectAsync(parsed, "rig submit", ct).ConfigureAwait(false);
            string id = await connection.RefusableAsync(async token =>
            {
                (string benchName, string slotName) = label is null
                    ? (LabNames.Token("--bench", parsed.GetValue(bench)!), LabNames.Token("--slot", parsed.GetValue(slot)!))
                    : await DeviceLabels.ResolveAsync(connection, label, token).ConfigureAwait(false);
                var job = new JobRecord
                {
                    Id = LabNames.NewJobId(benchName),
                    Bench = benchName,
                    Slot = slotName,
                    Device = label,
                    Profile = parsed.GetValue(profile)!,
                    Plans = planList,
                    Scheme = parsed.GetValue(scheme),
                    Serial = parsed.GetValue(serial),
                    Retry = parsed.GetValue(retry),
                    Submitter = Environment.UserName,
                    Submitted = DateTimeOffset.UtcNow,
                };
                await connection.EnsureBenchAsync(benchName, token).ConfigureAwait(false);
                await connection.Jobs.CreateAsync(job.Id, job.ToJson(), cancellationToken: token).ConfigureAwait(false); // the record first: an agent that takes the job finds it
                await connection.PublishOnceAsync(LabNames.JobSubject(job.Bench, job.Slot), Encoding.UTF8.GetBytes(job.Id), job.Id, token).ConfigureAwait(false);
                return job.Id;
            }, ct).ConfigureAwait(false);
            Console.WriteLine(id);
            return ExitCodes.Ok;
        });
        return command;
    }
}
