using Rig.Engine.Journal;
using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>The ladder's statement for the report, from the journal's ladder-result event alone.</summary>
internal static class LadderStatements
{
    public static LadderStatement? From(RunJournal journal)
    {
        if (journal.LadderResult is not { } r)
        {
            return null;
        }

        return new LadderStatement(
            r.Scheme.Title,
            r.Scheme.Version,
            r.Scheme.Standard,
            r.Scheme.DecisionRule,
            r.Level,
            r.Statement,
            [.. r.Levels.Select(l => new LevelOutcome(l.Id, l.Title, l.Standard, l.DecisionRule, l.Outcome,
                [.. l.Provisions.Select(p => new ProvisionOutcome(p.Id ?? "", p.Title ?? "", p.Outcome ?? "", string.Join("; ", p.Plans)))],
                l.DeskReview))],
            r.Certificate?.ValidUntil,
            r.Certificate?.Why,
            r.Certificate?.SupportUntil,
            r.NoCertificate);
    }
}
