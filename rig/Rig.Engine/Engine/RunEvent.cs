using Rig.Engine.Actions;
using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>Everything that can happen to a run, delivered through one queue to one loop: outcomes do not depend on thread timing.</summary>
internal abstract record RunEvent;

/// <summary>New console bytes are waiting in the feed (posted once until drained, so a flood cannot fill the queue).</summary>
internal sealed record ConsoleDataReady : RunEvent
{
    public static readonly ConsoleDataReady Instance = new();
}

internal sealed record ConsoleStatusChanged(long MonoNs, ConsoleStatus Status, string Detail) : RunEvent;

/// <summary>An <c>after</c> timer of the state entered as number <paramref name="Entry"/>.</summary>
internal sealed record TimerFired(long Entry, int Transition) : RunEvent;

internal sealed record ActionsFinished(long Entry, ActionResult Result) : RunEvent;

internal sealed record ActionsFailed(long Entry, Exception Error) : RunEvent;

/// <summary>The grace period for a console that hung up (the <paramref name="Loss"/>-th time) has run out.</summary>
internal sealed record ConsoleGraceOver(int Loss) : RunEvent;

/// <summary>An action switched the power (for <c>event: power-on|power-off</c>).</summary>
internal sealed record PowerChanged(string Event) : RunEvent;

/// <summary>Power is about to come on: forget unconsumed output so patterns see only the new boot.</summary>
internal sealed record PowerComingOn(TaskCompletionSource Done) : RunEvent;

/// <summary>The slot's power meter read <paramref name="Milliamps"/> at <paramref name="MonoNs"/> (for <c>current:</c> events).</summary>
internal sealed record CurrentSampled(long MonoNs, double Milliamps) : RunEvent;
