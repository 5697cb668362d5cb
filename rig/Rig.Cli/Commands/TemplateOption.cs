using System.CommandLine;
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
    /// The render options. A given template is compiled here, so a missing, unreadable or
    /// refused template stops the command before any device is powered.
    /// </summary>
    /// <exception cref="Rig.Reports.ReportTemplateException">The template is unreadable, writes raw output, or does not parse.</exception>
    public RenderOptions Get(ParseResult parsed)
    {
        var options = new RenderOptions(parsed.GetValue(Template));
        if (options.TemplateDir is not null)
        {
            _ = new ReportRenderer(options);
        }

        return options;
    }
}
