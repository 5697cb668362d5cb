using System.CommandLine;
using Rig.Formats.Files;
using Rig.Reports.Rendering;

namespace Rig.Cli.Commands;

/// <summary>--template DIR, shared by the commands that write reports: a lab's own report template instead of the built-in one.</summary>
internal sealed class TemplateOption
{
    public Option<string?> Template { get; } = new("--template")
    {
        Description = "A folder with the lab's report.html.hbs (and optionally report.css) to render reports with; raw {{{output}}} is refused",
    };

    public void AddTo(Command command) => command.Options.Add(Template);

    /// <summary>
    /// The render options. A given template is compiled and rehearsed on a sample report here, so a
    /// missing, unreadable, unrenderable or refused template stops the command before any device is powered.
    /// </summary>
    /// <exception cref="Rig.Reports.ReportTemplateException">The template is unreadable, writes raw output, or does not parse.</exception>
    public RenderOptions Get(ParseResult parsed)
    {
        var options = new RenderOptions(parsed.GetValue(Template));
        if (options.TemplateDir is { } dir)
        {
            Check(dir, Template.Name);
        }

        return options;
    }

    /// <summary>Refuses a template folder whose files are not regular files of at most 1 MiB, then compiles the template and rehearses it on a sample report.</summary>
    /// <param name="flag">The flag that named the folder, for errors; null when the folder was given as a file to check.</param>
    public static void Check(string dir, string? flag)
    {
        foreach (string file in new[] { "report.html.hbs", "report.css" }.Select(f => Path.Combine(dir, f)).Where(f => f.EndsWith(".hbs", StringComparison.Ordinal) || Path.Exists(f)))
        {
            try
            {
                GuardedFile.Check(file, 1024 * 1024);
            }
            catch (RefusedFileException e) when (flag is not null)
            {
                throw new UsageException($"{flag} {dir}: {e.Message}");
            }
        }

        new ReportRenderer(new RenderOptions(dir)).Rehearse(); // renders a sample report and lints the output
    }
}
