namespace Rig.Engine.Actions;

/// <summary>A step a plan can take. Actions use protocols (power, console, network), never drivers.</summary>
public interface IPlanAction
{
    /// <summary>The key that names it in a plan, e.g. "power".</summary>
    string Kind { get; }

    /// <summary>One line for journals and progress, e.g. "power cycle".</summary>
    string Describe { get; }

    /// <summary>Results this action can end with, besides "done"; a plan must handle each.</summary>
    IReadOnlyList<string> Results { get; }

    /// <summary>Variables the action sets when it ends (e.g. user and password); plans may use them.</summary>
    IReadOnlyList<string> Sets => [];

    /// <summary>Texts with {{variables}} the action expands when it runs (checked when the plan is loaded).</summary>
    IReadOnlyList<string> Templates => [];

    /// <summary>
    /// True when the step never blocks its caller (it only writes to the console, and waits, if at
    /// all, asynchronously): an internal transition made only of brief steps answers a console
    /// match on the reader's thread, without a thread switch.
    /// </summary>
    bool Brief => false;

    /// <summary>Runs the step. A driver failure throws RigFaultException (the verdict becomes error).</summary>
    Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct);
}

/// <summary>How an action ended: a result name and the variables it sets (e.g. user and password).</summary>
public sealed record ActionResult(string Name, IReadOnlyDictionary<string, string> Variables)
{
    public static readonly ActionResult Done = new("done", new Dictionary<string, string>());

    /// <summary>The result no plan handles: what the action needed to see did not show, so the plan ends inconclusive.</summary>
    public const string UnobservedName = "unobserved";

    /// <summary>True when the plan must end inconclusive with <see cref="Because"/>.</summary>
    public bool IsUnobserved => Name == UnobservedName;

    public string Because => Variables.GetValueOrDefault("because", "");

    public static ActionResult Unobserved(string because) => new(UnobservedName, new Dictionary<string, string> { ["because"] = because });
}
