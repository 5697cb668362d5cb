using System.Text.Json;
using Rig.Engine.Journal;
using Rig.Engine.Schemes;

namespace Rig.Engine.Runs;

/// <summary>The scheme in the journal: its identity at the start, the verdict per provision at the end.</summary>
internal static class SchemeRecord
{
    public static void WriteScheme(Utf8JsonWriter w, Scheme scheme)
    {
        w.WriteStartObject("scheme");
        w.WriteString("id", scheme.Id);
        w.WriteString("title", scheme.Title);
        w.WriteString("version", scheme.Version);
        w.WriteString("standard", scheme.Standard);
        w.WriteString("file", scheme.File);
        w.WriteString("sha256", scheme.Sha256);
        w.WriteString("decision_rule", scheme.DecisionRule);
        w.WriteEndObject();
    }

    public static void WriteResult(JournalWriter journal, SchemeResult result) =>
        journal.Write("scheme-result", w =>
        {
            w.WriteString("scheme", result.Scheme.Id);
            w.WriteString("overall", result.Overall);
            w.WriteStartArray("provisions");
            foreach (ProvisionResult p in result.Provisions)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("title", p.Title);
                w.WriteString("outcome", p.Outcome);
                w.WriteStrings("plans", p.Plans.Select(x => $"{x.Plan} {Plans.Verdicts.Text(x.Verdict)}"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, durable: true);
}
