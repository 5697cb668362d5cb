using System.CommandLine;
using Rig.Engine.Reporting;
using Rig.Formats.Transcripts;

namespace Rig.Cli.Commands;

/// <summary><c>rig transcript export RUN_DIR --out FILE [--plan ID]</c>: a run's console as a transcript the virtual device can replay.</summary>
internal static class TranscriptCommand
{
    public static Command Create()
    {
        var transcript = new Command("transcript", "Console transcripts: recordings a virtual device can replay (rig-vdev --replay, sim personality replay).");

        var export = new Command("export", "Write a run's console, from its last power-on, and what the rig typed as a transcript (JSON lines).");
        var runDir = new Argument<string>("run") { Description = "The run's folder (certify --out): journal.jsonl and console.raw" };
        var outFile = new Option<string>("--out") { Description = "Transcript file to write (.jsonl); replaced if it exists", Required = true };
        var plan = new Option<string?>("--plan") { Description = "Only this plan's part of the run (e.g. UART-01)" };
        export.Arguments.Add(runDir);
        export.Options.Add(outFile);
        export.Options.Add(plan);
        export.SetAction(parsed =>
        {
            string dir = parsed.GetValue(runDir)!;
            string file = parsed.GetValue(outFile)!;
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"{dir}: no such run folder");
            }

            if (Directory.Exists(file))
            {
                throw new UsageException($"--out {file}: is a folder; give the transcript's file name");
            }

            ConsoleTranscript written;
            try
            {
                written = TranscriptExport.Export(dir, file, parsed.GetValue(plan));
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message); // a damaged or oversized run folder is bad input, not a rig fault
            }

            int inputs = written.Steps.Count(s => s is RigInputStep);
            int bytes = written.DeviceOutput().Length;
            parsed.InvocationConfiguration.Output.WriteLine($"transcript: {file} ({bytes} bytes of console output, {inputs} input{(inputs == 1 ? "" : "s")} from the rig)");
            return ExitCodes.Ok;
        });

        transcript.Subcommands.Add(export);
        return transcript;
    }
}
