using System.Text.Json;
using Rig.Reports.Model;
using static Rig.Engine.Reporting.JournalView;

namespace Rig.Engine.Reporting;

/// <summary>Where the run departed from its plans: rig faults, skipped and not-applicable plans, each with its recorded reason.</summary>
internal static class Deviations
{
    public static IReadOnlyList<Deviation> From(JournalView journal, IEnumerable<string> planIds)
    {
        var list = new List<Deviation>();
        foreach (string id in planIds)
        {
            JsonElement v = journal.ForPlan("verdict", id).FirstOrDefault();
            if (v.ValueKind != JsonValueKind.Object)
            {
                list.Add(new Deviation(id, DeviationKinds.RigFault, "the run ended before this plan reached a verdict"));
            }
            else if (Flag(v, "skipped"))
            {
                list.Add(new Deviation(id, DeviationKinds.Skipped, Str(v, "reason") ?? ""));
            }
            else if (Flag(v, "rig_fault"))
            {
                list.Add(new Deviation(id, DeviationKinds.RigFault, Str(v, "reason") ?? ""));
            }
            else if (Flag(v, "not_applicable") || Str(v, "verdict") == Verdicts.NotApplicable)
            {
                list.Add(new Deviation(id, DeviationKinds.NotApplicable, Str(v, "reason") ?? ""));
            }
        }

        return list;
    }

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement f) && f.ValueKind == JsonValueKind.True;
}
