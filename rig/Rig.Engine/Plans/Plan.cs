using System.Text.RegularExpressions;
using Rig.Engine.Actions;

namespace Rig.Engine.Plans;

/// <summary>Where something was written: every plan error points here.</summary>
public sealed record Position(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One scripted test written as a state machine.</summary>
public sealed record Plan(
    string Id,
    string Title,
    string? Version,
    IReadOnlyList<string> Provisions,
    IReadOnlyList<string> Needs,
    string Initial,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, PlanState> States,
    string File,
    string Sha256,
    IReadOnlyList<PlanInput> Inputs);

/// <summary>A data file a plan uses (a word list), named in the report by its hash.</summary>
public sealed record PlanInput(string Name, string Path, string Sha256, string? Source);

/// <summary>A state: actions run on entry, then the first transition whose event happens is taken.</summary>
public sealed record PlanState(string Name, IReadOnlyList<ActionStep> Enter, IReadOnlyList<Transition> On, Position Pos);

/// <summary>One entry action with where it was written.</summary>
public sealed record ActionStep(IPlanAction Action, Position Pos);

/// <summary>An event and what follows it: another state, or a verdict that ends the plan.</summary>
public sealed record Transition(Trigger Trigger, string? Goto, Verdict? Verdict, string? Because, Position Pos);

public abstract record Trigger;

/// <summary>The device printed something matching <see cref="Pattern"/> (named groups become variables).</summary>
public sealed record ConsoleTrigger(Regex Pattern, string Source) : Trigger;

/// <summary>The state has lasted this long.</summary>
public sealed record AfterTrigger(TimeSpan Delay) : Trigger;

/// <summary>The state's entry actions finished with this result.</summary>
public sealed record ResultTrigger(string Name) : Trigger;
