using System.Text.RegularExpressions;
using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Expect;

namespace Rig.Engine.Plans;

/// <summary>One scripted test written as a state machine.</summary>
/// <param name="Death">Patterns armed in every state (built-in crash and reboot strings plus the plan's own).</param>
/// <param name="Fragments">The shared fragments this plan includes, by the state that uses each.</param>
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
    IReadOnlyList<PlanInput> Inputs,
    IReadOnlyList<DeathPattern> Death,
    IReadOnlyList<FragmentUse> Fragments);

/// <summary>
/// A state: entry actions run, then the first transition whose event happens (and whose guard
/// holds) is taken; exit actions run when it is left.
/// </summary>
/// <param name="Group">The state of the plan that included the fragment this state comes from, if any.</param>
/// <param name="ExpectsBoot">The device is expected to (re)boot here: reboot death patterns are not armed.</param>
public sealed record PlanState(
    string Name,
    IReadOnlyList<ActionStep> Enter,
    IReadOnlyList<ActionStep> Exit,
    IReadOnlyList<Transition> On,
    Position Pos,
    string? Description = null,
    string? Group = null,
    bool ExpectsBoot = false);

/// <summary>One action with where it was written.</summary>
public sealed record ActionStep(IPlanAction Action, Position Pos);

/// <summary>
/// An event and what follows it: another state (<see cref="Goto"/>), a verdict that ends the plan,
/// or, with neither, an internal transition that runs <see cref="Do"/> and stays.
/// </summary>
/// <param name="Limit">How often the transition may be taken in one run (retries); then it is skipped.</param>
/// <param name="Return">In a fragment only: the named exit this transition leaves the fragment by.</param>
public sealed record Transition(
    Trigger Trigger,
    Guard? When,
    IReadOnlyList<ActionStep> Do,
    string? Goto,
    Verdict? Verdict,
    string? Because,
    int? Limit,
    Position Pos,
    string? Return = null)
{
    public bool Internal => Goto is null && Verdict is null && Return is null;

    /// <summary>Stays in the state and only takes brief steps (a reply typed at a prompt).</summary>
    public bool Brief => Internal && Do.All(s => s.Action.Brief);
}

public abstract record Trigger;

/// <summary>The device printed something matching <see cref="Pattern"/> (named groups become variables).</summary>
public sealed record ConsoleTrigger(Regex Pattern, string Source) : Trigger;

/// <summary>The state has lasted this long; <see cref="Template"/> is a {{variable}} resolved on entry.</summary>
public sealed record AfterTrigger(TimeSpan? Delay, string? Template = null) : Trigger;

/// <summary>The state's entry actions finished with this result.</summary>
public sealed record ResultTrigger(string Name) : Trigger;

/// <summary>The slot's power meter read within <see cref="Condition"/> for its whole duration (<see cref="Source"/> as written).</summary>
public sealed record CurrentTrigger(CurrentCondition Condition, string Source) : Trigger;

/// <summary>Something happened to the slot: console-closed, console-opened, power-on, power-off.</summary>
public sealed record EventTrigger(string Name) : Trigger
{
    public static readonly string[] Names = ["console-closed", "console-opened", "power-on", "power-off"];
}

/// <summary>A string that, whenever it appears, ends the plan: a crash, or a reboot nobody asked for.</summary>
/// <param name="Deferred">The pattern: a plan's own is compiled when the plan loads, a built-in one when a scan first needs it.</param>
/// <param name="Signature">Literals one of which every match contains, in any letter case (see PatternSignatures); null if unknown.</param>
public sealed record DeathPattern(DeferredRegex Deferred, string Source, DeathKind Kind, Verdict Verdict, string Because, bool Builtin, IReadOnlyList<string>? Signature = null)
{
    /// <summary>The compiled pattern.</summary>
    public Regex Pattern => Deferred.Regex;

    /// <summary>What it recognises, in a few words ("kernel panic"); empty for a plan's own.</summary>
    public string What { get; init; } = string.Empty;

    /// <summary>
    /// For a line that is ambiguous alone (a watchdog message): what must follow within
    /// <see cref="Within"/> bytes for it to be a death (a new boot). Null: the match alone is one.
    /// </summary>
    public DeferredRegex? DeferredConfirm { get; init; }

    /// <summary>The compiled confirmation, or null.</summary>
    public Regex? Confirm => DeferredConfirm?.Regex;

    /// <summary>True when it and its confirmation run on the linear-time engine, known without compiling them.</summary>
    public bool Linear => Deferred.Linear && DeferredConfirm is not { Linear: false };

    /// <summary>How far after the ambiguous line (raw bytes) the confirmation may start.</summary>
    public int Within { get; init; }
}

public enum DeathKind
{
    /// <summary>Kernel panic, Oops, watchdog reset: armed always.</summary>
    Crash,

    /// <summary>A bootloader banner or "Rebooting": armed except where the plan expects a boot.</summary>
    Reboot,
}

/// <summary>A state that includes a shared fragment, for drawing it as a cluster.</summary>
public sealed record FragmentUse(string State, string Fragment, string Title, string File, string Sha256);
