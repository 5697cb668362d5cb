using Rig.Engine.Engine;
using Rig.Engine.Schemes;

namespace Rig.Engine.Runs;

/// <summary>What certifying one slot decided: each plan's outcome, and the scheme's decision when the run followed one.</summary>
public sealed record SlotResult(IReadOnlyList<PlanOutcome> Outcomes, SchemeResult? Scheme, LadderResult? Ladder = null);
