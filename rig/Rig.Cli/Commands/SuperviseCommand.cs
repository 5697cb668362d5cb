using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Cli.Supervision;
using Rig.Cli.Terminal;
using Rig.Engine.Bench;

namespace Rig.Cli.Commands;

/// <summary><c>rig supervise</c> (hidden): the supervisor process a powering rig starts for itself.</summary>
internal static class SuperviseCommand
{
    public static Command Create()
    {
        var command = new Command("supervise", "Watch a rig process and drive its slots to their safe state when it ends (started by rig).") { Hidden = true };
        var bench = new Option<string>("--bench") { Required = true };
        var stateRoot = new Option<string>("--state-root") { Required = true };
        var rigPid = new Option<int>("--rig-pid") { Required = true };
        var hold = new Option<int[]>("--hold-fd") { Description = "A slot lock's descriptor, held until the slot is safe" };
        command.Options.Add(bench);
        command.Options.Add(stateRoot);
        command.Options.Add(rigPid);
        command.Options.Add(hold);
        command.SetAction(async (parsed, _) =>
        {
            Interrupts.Ignore(); // its work starts when rig ends; a signal must not end it first
            string file = parsed.GetValue(bench)!;
            BenchConfig config = BenchLoader.Load(file, parsed.GetValue(stateRoot)!, DriverFactory.Bench, RigData.Display(file));
            return await Supervisor.RunAsync(config, parsed.GetValue(rigPid), parsed.GetValue(hold) ?? []).ConfigureAwait(false);
        });
        return command;
    }
}
