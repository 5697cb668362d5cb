using Rig.Engine.Plans;

namespace Rig.Engine.Engine;

/// <summary>Where a run tells what it is doing: a status line on a terminal, plain lines in a log.</summary>
public interface IRunProgress
{
    void PlanStarted(string slot, Plan plan);

    void StateEntered(string slot, Plan plan, string state);

    void PlanFinished(string slot, PlanOutcome outcome);

    void Note(string slot, string text);
}

/// <summary>For library callers and tests that do not show progress.</summary>
public sealed class SilentProgress : IRunProgress
{
    public static readonly SilentProgress Instance = new();

    public void PlanStarted(string slot, Plan plan) { }

    public void StateEntered(string slot, Plan plan, string state) { }

    public void PlanFinished(string slot, PlanOutcome outcome) { }

    public void Note(string slot, string text) { }
}
