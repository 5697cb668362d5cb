using Rig.Engine.Journal;
using Rig.Engine.Schemes;

namespace Rig.Engine.Runs;

/// <summary>The scheme in the journal: its identity at the start, the verdict per provision at the end.</summary>
internal static class SchemeRecord
{
    public static RunScheme Identity(Scheme scheme) =>
        new(scheme.Id, scheme.Title, scheme.Version, scheme.Standard, scheme.File, scheme.Sha256, scheme.DecisionRule);

    public static SchemeResultEvent Result(SchemeResult result) => new(
        result.Scheme.Id,
        result.Overall,
        [.. result.Provisions.Select(p => new ProvisionRecord(p.Id, p.Title, p.Outcome, [.. p.Plans.Select(x => $"{x.Plan} {Plans.Verdicts.Text(x.Verdict)}")]))]);
}
