using System.CommandLine;
using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Cli.Commands;

/// <summary><c>rig plans validate|list</c>: check plan files and list the shipped plans.</summary>
internal static class PlansCommand
{
    public static Command Create()
    {
        var plans = new Command("plans", "Validate and list plans.");

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
                    Console.Error.WriteLine(e.Message);
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
        return plans;
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.yaml").Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p]);
}
