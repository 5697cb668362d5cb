using System.CommandLine;
using System.Text.Json;
using Rig.Cli.Composition;
using Rig.Cli.Terminal;
using Rig.Engine.Actions;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Engine.Runs;
using Rig.Formats.Files;
using Rig.Formats.Firmware;
using Rig.Formats.Transcripts;
using Rig.Reports;
using Rig.Reports.Rendering;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig validate FILE...</c>: checks any input rig reads, by what it is: a plan, fragment,
/// bench, profile, scheme or lab file (by its first key), a word list (.txt), a transcript
/// (.jsonl), a firmware image (.img) or a report template folder. Each problem is one line,
/// file:line:col: reason; exit 2 when any file is bad.
/// </summary>
internal static partial class ValidateCommand
{
    private static readonly (string Key, string Kind)[] YamlKinds =
        [("plan", "plan"), ("fragment", "fragment"), ("bench", "bench"), ("profile", "profile"), ("scheme", "scheme"), ("lab", "lab file")];

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
            return Located(file, e.Message);
        }
        catch (Exception e) when (e is UsageException or ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Located(file, e.Message);
        }
    }

    /// <summary>A message as file:line:col: reason; one that names only a file (or nothing) points at its start.</summary>
    private static string Located(string file, string message)
    {
        if (Position().IsMatch(message))
        {
            return message;
        }

        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && message[..colon].Contains(Path.GetFileName(file.TrimEnd('/')), StringComparison.Ordinal)
            ? $"{message[..colon]}:1:1: {message[(colon + 2)..]}"
            : $"{file}:1:1: {message}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^\s:][^:]*:\d+:\d+: ")]
    private static partial System.Text.RegularExpressions.Regex Position();

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
            _ => YamlKind(YamlFile.Load(file).Root, file),
        };
    }

    private static string YamlKind(YamlMap root, string file) =>
        YamlKinds.FirstOrDefault(k => root.Has(k.Key)).Kind
        ?? throw new ConfigException(file, 1, 1, $"not a plan, fragment, bench, profile, scheme or lab file (none of the keys {string.Join(", ", YamlKinds.Select(k => k.Key))})");

    private static void Check(string file, string kind)
    {
        switch (kind)
        {
            case "template":
                TemplateOption.Check(file, null);
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
                BenchLoader.Load(file, RigData.DefaultStateRoot(file), DriverFactory.Bench, file);
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
        YamlMap root = YamlFile.Load(file).Root;
        IReadOnlyList<string> returns = root.OptStringList("returns");
        string dir = Directory.CreateTempSubdirectory("rig-validate-").FullName;
        string plan = Path.Combine(dir, "fragment-check.yaml");
        try
        {
            string exits = string.Join(", ", returns.Select(r => $"{Quoted(r)}: {{ verdict: inconclusive, because: check }}"));
            File.WriteAllText(plan, $"plan: FRAGMENT-CHECK\ntitle: fragment check\ninitial: f\nstates:\n  f:\n    use: {Quoted(Path.GetFullPath(file))}\n    exits: {{ {exits} }}\n");
            PlanLoader.Load(plan);
        }
        catch (ConfigException e) when (e.File == plan)
        {
            // The including plan is ours: what it trips over is the fragment's returns.
            throw root.Error(root.Get("returns") ?? root.Node, $"the fragment's returns cannot be used by a plan: {e.Reason}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // A JSON string is a YAML double-quoted scalar: any name or path, quoted safely.
    private static string Quoted(string text) => $"\"{JsonEncodedText.Encode(text)}\"";
}
