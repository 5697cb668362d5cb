using Rig.Engine.Actions;
using Rig.Engine.Plans;

namespace Rig.Engine.Engine;

/// <summary>How one plan ended on one slot, and what the verdict rests on.</summary>
/// <param name="RigFault">True when the rig failed (the slot is then broken and later plans are skipped).</param>
public sealed record PlanOutcome(
    Plan Plan,
    Verdict Verdict,
    string Reason,
    IReadOnlyList<string> Path,
    long StartNs,
    long EndNs,
    IReadOnlyList<EvidenceTranscript> Transcripts,
    bool RigFault);
