using Rig.Engine.Plans;

namespace Rig.Engine.Graphs;

/// <summary>What a run of one plan did, as far as a drawing needs it.</summary>
/// <param name="States">The states entered, in order (a state entered twice appears twice).</param>
/// <param name="Verdict">How the plan ended; null when the journal has no verdict (the rig died mid-plan).</param>
/// <param name="Reason">The verdict's reason as recorded (the "because" with its variables filled in).</param>
/// <param name="DeathPattern">The source of the death pattern that ended the plan, if one did.</param>
/// <param name="RigFault">The rig failed: the verdict came from no transition of the plan.</param>
public sealed record RunPath(
    IReadOnlyList<string> States,
    Verdict? Verdict = null,
    string? Reason = null,
    string? DeathPattern = null,
    bool RigFault = false);
