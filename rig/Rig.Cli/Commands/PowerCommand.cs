using System.CommandLine;
using Rig.Cli.Composition;
using Rig.Cli.Supervision;
using Rig.Engine.Bench;
using Rig.Protocols;

namespace Rig.Cli.Commands;

/// <summary><c>rig power on|off|cycle|state SLOT</c>: drive one slot's relay by hand.</summary>
internal static class PowerCommand
{
    public static Command Create()
    {
        var command = new Command("power", "Switch a slot's power: on, off, cycle, or show its state.");
        var operation = new Argument<string>("operation") { Description = "on, off, cycle or state" };
        operation.AcceptOnlyFromAmong("on", "off", "cycle", "state");
        var slot = new Argument<string>("slot") { Description = "The slot name in the bench file" };
        var bench = new BenchOptions();
        command.Arguments.Add(operation);
        command.Arguments.Add(slot);
        bench.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            BenchConfig benchConfig = bench.Load(parsed);
            SlotConfig config = BenchOptions.Slot(benchConfig, parsed.GetValue(slot)!);
            using SlotClaim claim = await bench.ClaimAsync(parsed, benchConfig, config, powers: parsed.GetValue(operation) != "state", ct).ConfigureAwait(false);
            claim.Supervisor?.Watch(config, null); // killed while switching: the supervisor makes the slot safe
            IPowerSwitch power = DriverFactory.CreatePower(config);
            await using (power.ConfigureAwait(false))
            {
                switch (parsed.GetValue(operation))
                {
                    case "on":
                        await power.OnAsync(ct).ConfigureAwait(false);
                        break;
                    case "off":
                        await power.OffAsync(ct).ConfigureAwait(false);
                        break;
                    case "cycle":
                        await power.CycleAsync(config.CycleOff, ct).ConfigureAwait(false);
                        break;
                }

                PowerState state = await power.GetStateAsync(ct).ConfigureAwait(false);
                Console.WriteLine($"{config.Name}: {state.ToString().ToLowerInvariant()} ({power.Describe})");
                if (config.PowerBackend.HoldsLine && state != config.SafeState)
                {
                    // A line is only ours while we hold it; letting go returns the relay to safe.
                    Console.Error.WriteLine($"rig: holding {power.Describe} while rig runs; Ctrl-C releases it to its safe state ({config.SafeState.ToString().ToLowerInvariant()})");
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false); // the supervisor drives it safe when rig ends
                }
                else if (state == config.SafeState)
                {
                    claim.Supervisor?.Safe(config.Name);
                }
                else
                {
                    claim.Supervisor?.Leave(config.Name); // switched on by hand: it stays on when rig exits, as a relay does
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
