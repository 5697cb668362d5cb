using Rig.Engine.Journal;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary><c>power: on|off|cycle</c>. A cycle keeps the device off for the slot's cycle_off, or is the switch's own cycle when it has one.</summary>
public sealed class PowerAction(string operation) : IPlanAction
{
    public static readonly string[] Operations = ["on", "off", "cycle"];

    public string Kind => "power";

    public string Describe => $"power {operation}";

    /// <summary>True for on and cycle: the device boots after this action.</summary>
    public bool SwitchesOn => operation is "on" or "cycle";

    public IReadOnlyList<string> Results => [];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        IPowerSwitch power = context.Power;
        try
        {
            if (operation == "cycle" && power.CyclesItself)
            {
                // The switch's own cycle keeps its own off-time: the old boot's output is forgotten before it starts.
                await context.PowerComingOnAsync(ct).ConfigureAwait(false);
                await power.CycleAsync(context.Slot.CycleOff, ct).ConfigureAwait(false);
                context.PowerChanged("power-off");
                SwitchedOn(context);
                return ActionResult.Done;
            }

            if (operation is "off" or "cycle")
            {
                await power.OffAsync(ct).ConfigureAwait(false);
                context.Journal.Append(new PowerEvent(context.PlanId, PowerEvent.Off));
                context.PowerChanged("power-off");
            }

            if (operation == "cycle")
            {
                await Task.Delay(context.Slot.CycleOff, ct).ConfigureAwait(false);
            }

            if (operation is "on" or "cycle")
            {
                await context.PowerComingOnAsync(ct).ConfigureAwait(false);
                await power.OnAsync(ct).ConfigureAwait(false);
                SwitchedOn(context);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not RigFaultException)
        {
            throw new RigFaultException($"{power.Describe}: power {operation} failed: {e.Message}", e);
        }

        return ActionResult.Done;
    }

    private static void SwitchedOn(ActionContext context)
    {
        context.Journal.Append(new PowerEvent(context.PlanId, PowerEvent.On));
        context.PowerChanged("power-on");
    }
}
