using Rig.Reports.Model;

namespace Rig.Reports.Rendering;

/// <summary>Turns a ladder statement into its view, every string cleaned by the report's own field cleaner.</summary>
internal static class LadderViewBuilder
{
    public static LadderView Build(LadderStatement l, Func<string?, string> field, Func<string?, VerdictView> outcome)
    {
        string? Opt(string? s) => string.IsNullOrEmpty(s) ? null : field(s);
        return new LadderView(
            field(l.Scheme),
            field(l.Version),
            field(l.Standard),
            field(l.DecisionRule),
            Opt(l.Level),
            field(l.Statement),
            (l.Levels ?? []).Select(v => new LevelView(
                field(v.Id),
                field(v.Title),
                field(v.Standard),
                field(v.DecisionRule),
                v.Outcome == "not reached" ? new VerdictView("NOT REACHED", Verdicts.NotApplicable) : outcome(v.Outcome),
                (v.Provisions ?? []).Select(p => new ProvisionView(field(p.Id), field(p.Title), field(p.DecidedBy), outcome(p.Outcome))).ToArray(),
                (v.DeskReview ?? []).Select(field).ToArray())).ToArray(),
            Opt(l.ValidUntil),
            Opt(l.ValidityReason),
            Opt(l.SupportUntil),
            Opt(l.NoCertificate));
    }
}
