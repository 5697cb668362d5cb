using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Engine.Config;
using Rig.Engine.Graphs;
using Rig.Engine.Plans;

namespace Rig.Cli.Commands;

/// <summary><c>rig plans validate|list|show|graph</c>: check plan files, list the shipped plans, outline or draw one.</summary>
internal static class PlansCommand
{
    public static Command Create()
    {
        var plans = new Command("plans", "Validate, list, show and draw plans.");

        var validate = new Command("validate", "Check plan files; each problem is printed as file:line:col: message (exit 2).");
        var paths = new Argument<string[]>("paths") { Description = "Plan files or folders", Arity = ArgumentArity.OneOrMore };
        validate.Arguments.Add(paths);
        validate.SetAction(parsed =>
        {
            int bad = 0;
            foreach (string file in Expand(parsed.GetValue(paths)!))
            {
                try
                {
                    Plan plan = PlanLoader.Load(file);
                    Console.WriteLine($"{file}: ok ({plan.Id}, {plan.States.Count} states)");
                }
                catch (ConfigException e)
                {
                    Console.Error.WriteLine(Terminal.Inert.Line(e.Message)); // the message may quote a hostile file
                    bad++;
                }
            }

            return bad == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });

        var list = new Command("list", "List the shipped plans.");
        list.SetAction(parsed =>
        {
            foreach (string file in Expand([RigData.PlansDir]))
            {
                Plan plan = PlanLoader.Load(file);
                Console.WriteLine($"{plan.Id,-10} {plan.Title}  [{string.Join("; ", plan.Provisions)}]");
            }

            return ExitCodes.Ok;
        });

        plans.Subcommands.Add(validate);
        plans.Subcommands.Add(list);
        plans.Subcommands.Add(Show());
        plans.Subcommands.Add(Graph());
        return plans;
    }

    private static Command Show()
    {
        var show = new Command("show", "Print a plan as an outline: provisions, inputs with SHA-256, states, transitions, fragments, death patterns.");
        var plan = new Argument<string>("plan") { Description = "A shipped plan's id (CRED-01) or a plan file" };
        show.Arguments.Add(plan);
        show.SetAction(parsed =>
        {
            Console.Write(PlanOutline.Write(Load(parsed.GetValue(plan)!)));
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command Graph()
    {
        var graph = new Command("graph", "Draw a plan as a Mermaid state diagram or a Graphviz digraph, optionally with the path a run took.");
        var plan = new Argument<string>("plan") { Description = "A shipped plan's id (CRED-01) or a plan file" };
        var format = new Option<string>("--format") { Description = "mermaid (the default) or dot", DefaultValueFactory = _ => "mermaid" };
        var run = new Option<string?>("--run") { Description = "A run folder (with journal.jsonl): highlight the path the plan took in it" };
        graph.Arguments.Add(plan);
        graph.Options.Add(format);
        graph.Options.Add(run);
        graph.SetAction(parsed =>
        {
            string how = parsed.GetValue(format)!;
            if (how is not ("mermaid" or "dot"))
            {
                throw new UsageException($"--format {how}: draw as mermaid or dot");
            }

            Plan p = Load(parsed.GetValue(plan)!);
            RunPath? path = parsed.GetValue(run) is { } dir ? ReadRun(dir, p) : null;
            PlanGraph g = PlanGraph.From(p, path);
            Console.Write(how == "dot" ? DotWriter.Write(g) : MermaidWriter.Write(g));
            return ExitCodes.Ok;
        });
        return graph;
    }

    /// <summary>A plan by id or file; an id that names no shipped plan gets the list of those that exist.</summary>
    private static Plan Load(string idOrPath)
    {
        string file = RigData.ResolvePlan(idOrPath);
        if (!File.Exists(file))
        {
            string shipped = string.Join(", ", Expand([RigData.PlansDir]).Select(Path.GetFileNameWithoutExtension));
            throw new UsageException(file == idOrPath
                ? $"{idOrPath}: no such plan file"
                : $"no shipped plan '{idOrPath}' (shipped: {shipped}; or give a plan file)");
        }

        return PlanLoader.Load(file, RigData.Display(file));
    }

    private static RunPath ReadRun(string dir, Plan plan)
    {
        if (!Directory.Exists(dir) && !File.Exists(dir))
        {
            throw new UsageException($"--run {dir}: no such run folder");
        }

        try
        {
            RunPath path = RunPathReader.Read(dir, plan.Id);
            string? unknown = path.States.FirstOrDefault(s => !plan.States.ContainsKey(s));
            return unknown is null
                ? path
                : throw new UsageException($"--run {dir}: plan {plan.Id} entered state '{LabelText.Visible(unknown)}', which {plan.File} does not have (was the plan changed since the run?)");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new UsageException($"--run {dir}: {e.Message}");
        }
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.yaml").Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p]);
}
