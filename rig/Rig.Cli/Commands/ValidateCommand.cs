using System.CommandLine;
using System.Text.Json;
using Rig.Cli.Terminal;
using Rig.Drivers.Files;
using Rig.Drivers.Firmware;
using Rig.Drivers.Transcripts;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Engine.Runs;
using Rig.Reports;
using Rig.Reports.Rendering;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig validate FILE...</c>: checks any input rig reads, by what it is: a plan, fragment,
/// bench, profile, scheme or lab file (by its first key), a word list (.txt), a transcript
/// (.jsonl), a firmware image (.img) or a report template folder. Each problem is one line,
/// file:line:col: reason; exit 2 when any file is bad.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check plans, fragments, benches, profiles, schemes, lab files, word lists, transcripts, firmware images and template folders; problems as file:line:col (exit 2).");
        var paths = new Argument<string[]>("files") { Description = "Files (or report template folders) to check", Arity = ArgumentArity.OneOrMore };
        command.Arguments.Add(paths);
        command.SetAction(parsed =>
        {
            int bad = 0;
            foreach (string file in parsed.GetValue(paths)!)
            {
                string? problem = Problem(file, out string kind);
                if (problem is null)
                {
                    Console.WriteLine(Inert.Line($"{file}: ok ({kind})"));
                }
                else
                {
                    Console.Error.WriteLine(Inert.Line(problem));
                    bad++;
                }
            }

            return bad == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    /// <summary>The file's first problem as one line, or null when it is valid.</summary>
    public static string? Problem(string file, out string kind)
    {
        kind = "file";
        try
        {
            kind = Kind(file);
            Check(file, kind);
            return null;
        }
        catch (ConfigException e)
        {
            return e.Message;
        }
        catch (RefusedFileException e)
        {
            return $"{e.File}:1:1: {e.Reason}";
        }
        catch (TranscriptFormatException e)
        {
            return $"{e.File}:{Math.Max(e.Line, 1)}:{Math.Max(e.Column, 1)}: {e.Reason}";
        }
        catch (FirmwareFormatException e)
        {
            return $"{file}:1:1: {e.Message}";
        }
        catch (ReportException e)
        {
            return e.Message.StartsWith(file, StringComparison.Ordinal) ? e.Message : $"{file}:1:1: {e.Message}";
        }
        catch (Exception e) when (e is UsageException or ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return $"{file}:1:1: {e.Message}";
        }
    }

    private static string Kind(string file)
    {
        if (Directory.Exists(file))
        {
            return "template";
        }

        return Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".txt" => "word list",
            ".jsonl" => "transcript",
            ".img" => "firmware image",
            _ => YamlFile.Load(file).Root.Keys.FirstOrDefault() switch
            {
                "plan" => "plan",
                "fragment" => "fragment",
                "bench" => "bench",
                "profile" => "profile",
                "scheme" => "scheme",
                "lab" => "lab file",
                var first => throw new ConfigException(file, 1, 1, $"not a plan, fragment, bench, profile, scheme or lab file (its first key is '{first}')"),
            },
        };
    }

    private static void Check(string file, string kind)
    {
        switch (kind)
        {
            case "template":
                new TemplateOption().Check(file);
                break;
            case "word list":
                WordList.Load(file, file);
                break;
            case "transcript":
                ConsoleTranscriptReader.Read(file);
                break;
            case "firmware image":
                FirmwareImageReader.Read(GuardedFile.ReadAll(file, FirmwareImageReader.MaxImageLength(FirmwareImageReader.DefaultMaxPayload)));
                break;
            case "plan":
                PlanLoader.Load(file);
                break;
            case "fragment":
                CheckFragment(file);
                break;
            case "bench":
                BenchLoader.Load(file, RigData.DefaultStateRoot(file), file);
                break;
            case "profile":
                CertifyCommand.LoadProfile(file);
                break;
            case "scheme":
                CertifyCommand.LoadScheme(file);
                break;
            default:
                LabIdentity.Load(file);
                break;
        }
    }

    /// <summary>A fragment is checked the way a plan reads it: included by a plan that maps each of its returns.</summary>
    private static void CheckFragment(string file)
    {
        IReadOnlyList<string> returns = YamlFile.Load(file).Root.OptStringList("returns");
        string dir = Directory.CreateTempSubdirectory("rig-validate-").FullName;
        try
        {
            string exits = string.Join(", ", returns.Select(r => $"{JsonSerializer.Serialize(r)}: {{ verdict: inconclusive, because: check }}"));
            string plan = Path.Combine(dir, "fragment-check.yaml");
            File.WriteAllText(plan, $"plan: FRAGMENT-CHECK\ntitle: fragment check\ninitial: f\nstates:\n  f:\n    use: {JsonSerializer.Serialize(Path.GetFullPath(file))}\n    exits: {{ {exits} }}\n");
            PlanLoader.Load(plan);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
