using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Engine.Schemes;

namespace Rig.Engine.Runs;

/// <summary>A ladder's decision in the journal, with the certificate's terms decided here, once, from the profile and the verdicts.</summary>
internal static class LadderRecord
{
    public static LadderResultEvent Result(LadderResult result, CertificationRequest request, IReadOnlyDictionary<string, Verdict> verdicts, DateOnly issued)
    {
        Scheme s = result.Scheme;
        var levels = result.Levels.Select(l => new LevelRecord(
            l.Level.Id, l.Level.Title, l.Level.Standard, l.Level.DecisionRule, l.Outcome,
            [.. l.Provisions.Select(p => new ProvisionRecord(p.Id, p.Title, p.Outcome, [.. p.Plans.Select(x => $"{x.Plan} {x.Verdict.Text()}")]))],
            [.. l.Level.DeskReview.Select(d => $"{d.Id} {d.Title}")])).ToList();

        CertificateRecord? certificate = null;
        string? refused = null;
        if (result.Highest is { } level)
        {
            CertificateTerms? terms = CertificateValidity.Decide(s.Ladder!, level, issued, request.Profile.SupportUntil, request.Profile.NoUpdateMechanism, verdicts, out string why);
            if (terms is null)
            {
                refused = why;
            }
            else
            {
                certificate = new CertificateRecord(
                    CertificateValidity.Date(terms.Issued), CertificateValidity.Date(terms.ValidUntil), terms.Why,
                    terms.SupportUntil is { } end ? CertificateValidity.Date(end) : null, terms.UpdatesWork,
                    request.Lab.Registry ?? LabIdentity.PlaceholderRegistry);
            }
        }
        else
        {
            refused = "no level was met";
        }

        return new LadderResultEvent(
            new LadderIdentity(s.Id, s.Title, s.Version, s.Standard, s.File, s.Sha256, s.DecisionRule),
            result.Highest?.Id,
            result.Statement,
            levels,
            certificate,
            refused);
    }
}
