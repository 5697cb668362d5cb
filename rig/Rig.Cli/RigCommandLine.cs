using System.CommandLine;
using Rig.Cli.Commands;
using Rig.Cli.Terminal;
using Rig.Engine.Config;
using Rig.Engine.Runs;
using Rig.Formats.Files;
using Rig.Protocols;
using Rig.Reports;

namespace Rig.Cli;

/// <summary>Parses the command line and turns every kind of failure into one line and an exit code, never a stack trace.</summary>
public static class RigCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Rig: a hardware-in-the-loop certification rig for connected devices.")
        {
            DemoCommand.Create(),
            CertifyCommand.Create(),
            RunCommand.Create(),
            PowerCommand.Create(),
            ConsoleCommand.Create(),
            KeysCommand.Create(),
            VerifyCommand.Create(),
            RecheckCommand.Create(),
            RegistryCommand.Create(),
            PlansCommand.Create(),
            ValidateCommand.Create(),
            TranscriptCommand.Create(),
            FirmwareCommand.Create(),
            BenchmarkCommand.Create(),
            SuperviseCommand.Create(),
            Lab.AgentCommand.Create(),
            Lab.SubmitCommand.Create(),
            Lab.JobsCommand.Create(),
            Lab.WatchCommand.Create(),
            Lab.ResultsCommand.Create(),
            Lab.CancelCommand.Create(),
            Lab.LabCommand.Create(),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"rig: {parsed.Errors[0].Message} (see rig --help)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using var interrupts = new Interrupts();
        try
        {
            int code = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, interrupts.Token).ConfigureAwait(false);
            return interrupts.Received is null ? code : interrupts.ExitCode;
        }
        catch (OperationCanceledException) when (interrupts.Received is not null)
        {
            await Console.Error.WriteLineAsync($"rig: stopped by {interrupts.ReceivedName}; relays were driven to their safe state").ConfigureAwait(false);
            return interrupts.ExitCode;
        }
        catch (Exception e) when (BadInput(e) is { } message)
        {
            await Console.Error.WriteLineAsync(Inert.Line(message)).ConfigureAwait(false); // a message may quote a hostile file
            return ExitCodes.BadInput;
        }
        catch (RigFaultException e)
        {
            await Console.Error.WriteLineAsync(Inert.Line($"rig: rig fault: {e.Message}")).ConfigureAwait(false);
            return ExitCodes.RigError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("RIG_DEBUG") != "1")
        {
            // A bug in rig: one line here; RIG_DEBUG=1 shows the stack trace.
            await Console.Error.WriteLineAsync(Inert.Line($"rig: internal error: {e.GetType().Name}: {e.Message} (set RIG_DEBUG=1 for details)")).ConfigureAwait(false);
            return ExitCodes.RigError;
        }
    }

    /// <summary>The one-line message for errors in what the user gave us; null for anything else.</summary>
    private static string? BadInput(Exception e) => e switch
    {
        ConfigException c => c.Message, // already file:line:col: message
        UsageException u => $"rig: {u.Message}",
        ReportException r => $"rig: {r.Message}",
        RefusedFileException f => $"rig: {f.Message}",
        Rig.Formats.Transcripts.TranscriptFormatException t => $"rig: {t.Message}",
        Rig.Formats.Firmware.FirmwareFormatException f => $"rig: {f.Message}",
        ArgumentException a => $"rig: {a.Message}",
        FileNotFoundException f => $"rig: {f.FileName}: no such file",
        DirectoryNotFoundException d => $"rig: {d.Message}",
        UnauthorizedAccessException u => $"rig: {u.Message}",
        SlotBusyException b => $"rig: {b.Message}",
        _ => null,
    };
}
