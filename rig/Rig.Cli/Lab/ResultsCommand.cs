using System.CommandLine;
using Rig.Cli.Commands;

namespace Rig.Cli.Lab;

/// <summary><c>rig results fetch JOB --out DIR</c>: the job's signed folder, verifiable with openssl as any other.</summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var command = new Command("results", "Fetch a lab job's signed result folder.");
        var fetch = new Command("fetch", "Write a finished job's signed result folder to --out.");
        var lab = new LabOptions();
        var id = new Argument<string>("job") { Description = "The job id rig submit printed" };
        var outDir = new Option<string>("--out") { Description = "Folder to write (must not exist yet)", Required = true };
        lab.AddTo(fetch);
        fetch.Arguments.Add(id);
        fetch.Options.Add(outDir);
        fetch.SetAction(async (parsed, ct) =>
        {
            string job = parsed.GetValue(id)!;
            string benchName = LabNames.BenchOf("job", job);
            string target = Preflight.NotAFile("--out", parsed.GetValue(outDir)!);
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                throw new UsageException($"--out {target}: the folder is not empty");
            }

            await using LabConnection connection = await lab.ConnectAsync(parsed, "rig results", ct).ConfigureAwait(false);
            (JobRecord record, int files) = await connection.RefusableAsync(async token =>
            {
                JobRecord record = (await connection.GetJobAsync(job, token).ConfigureAwait(false))?.Job ?? throw new UsageException($"no job {job} in the lab");
                if (!record.Finished)
                {
                    throw new UsageException($"job {job} is {record.State}; its results come when it ends");
                }

                return (record, await ResultUpload.GetAsync(await connection.ResultsAsync(benchName, token).ConfigureAwait(false), job, target, token).ConfigureAwait(false));
            }, ct).ConfigureAwait(false);
            Console.WriteLine(files == 0 ? $"{job}: no result files ({record.State}: {record.Reason})" : $"{job}: {files} file(s) in {target}");
            return files == 0 ? ExitCodes.RigError : ExitCodes.Ok;
        });
        command.Subcommands.Add(fetch);
        return command;
    }
}
