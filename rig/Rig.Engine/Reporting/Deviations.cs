using Rig.Engine.Journal;
using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>Where the run departed from its plans: rig faults, skipped and not-applicable plans, each with its recorded reason.</summary>
internal static class Deviations
{
    public static IReadOnlyList<Deviation> From(RunJournal journal, IEnumerable<string> planIds)
    {
        var list = new List<Deviation>();
        foreach (string id in planIds)
        {
            VerdictEvent? v = journal.ForPlan<VerdictEvent>(id).FirstOrDefault();
            if (v is null)
            {
                list.Add(new Deviation(id, DeviationKinds.RigFault, "the run ended before this plan reached a verdict"));
            }
            else if (v.Skipped)
            {
                list.Add(new Deviation(id, DeviationKinds.Skipped, v.Reason));
            }
            else if (v.RigFault)
            {
                list.Add(new Deviation(id, DeviationKinds.RigFault, v.Reason));
            }
            else if (v.NotApplicable || v.Verdict == Verdicts.NotApplicable)
            {
                list.Add(new Deviation(id, DeviationKinds.NotApplicable, v.Reason));
            }
        }

        return list;
    }
}
