using Rig.Engine.Plans;
using Rig.Protocols;

namespace Rig.Engine.Engine;

public sealed partial class PlanRunner
{
    private TimeSpan ConsoleGrace => _session.Slot.ConsoleGrace ?? Bench.SlotConfig.DefaultConsoleGrace;

    /// <summary>
    /// A console that hangs up outside a boot gets a grace period to come back (a device-powered
    /// adapter re-enumerating); after that the rig has lost its sensor: a rig fault. A state that
    /// handles console-closed itself decides instead.
    /// </summary>
    private void TrackConsole(ConsoleStatus status)
    {
        if (status == ConsoleStatus.Opened)
        {
            _consoleLost = false;
            return;
        }

        if (status != ConsoleStatus.HungUp || _state.ExpectsBoot || _state.On.Any(t => t.Trigger is EventTrigger { Name: "console-closed" }))
        {
            return;
        }

        _consoleLost = true;
        var over = new ConsoleGraceOver(++_consoleLosses);
        _ = Task.Delay(ConsoleGrace, _planToken).ContinueWith(
            t => { if (!t.IsCanceled) _session.Queue.Post(over); },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
