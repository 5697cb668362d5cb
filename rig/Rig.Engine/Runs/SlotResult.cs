using Rig.Engine.Engine;
using Rig.Engine.Schemes;

namespace Rig.Engine.Runs;

/// <summary>What certifying one slot decided: each plan's outcome, and the scheme's decision when the run followed one.</summary>
/// <param name="LadderDecision">The ladder's decision as journalled, with the certificate's terms or why there is no certificate.</param>
public sealed record SlotResult(IReadOnlyList<PlanOutcome> Outcomes, SchemeResult? Scheme, LadderResult? Ladder = null, Journal.LadderResultEvent? LadderDecision = null);
