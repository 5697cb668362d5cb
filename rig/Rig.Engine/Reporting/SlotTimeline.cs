using System.Text.Json;
using Rig.Reports.Model;
using static Rig.Engine.Reporting.JournalView;

namespace Rig.Engine.Reporting;

/// <summary>The slot's plans, power switching and console activity over the test, read from the journal.</summary>
internal static class SlotTimeline
{
    public static Timeline From(JournalView journal)
    {
        long start = journal.StartNs;
        var spans = new List<PlanSpan>();
        foreach (JsonElement begin in journal.OfKind("plan-start"))
        {
            string id = Str(begin, "plan") ?? "";
            JsonElement verdict = journal.ForPlan("verdict", id).FirstOrDefault();
            bool ended = verdict.ValueKind == JsonValueKind.Object;
            spans.Add(new PlanSpan(
                id,
                Mono(begin) - start,
                (ended ? Mono(verdict) : journal.EndNs) - start,
                ended ? Str(verdict, "verdict") ?? Verdicts.Error : Verdicts.Error));
        }

        var power = journal.OfKind("power")
            .Where(e => Str(e, "state") is "on" or "off")
            .Select(e => new PowerEvent(Mono(e) - start, Str(e, "state") == "on"))
            .ToList();
        var console = journal.OfKind("console")
            .Select(e => new ConsoleActivity(Mono(e) - start, e.TryGetProperty("len", out JsonElement len) && len.TryGetInt64(out long n) ? n : 0))
            .ToList();
        return new Timeline(journal.EndNs - start, spans, power, console);
    }

    private static long Mono(JsonElement e) => e.GetProperty("mono_ns").GetInt64();
}
