using Rig.Engine.Journal;
using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>The slot's plans, power switching, console activity and current over the test, read from the journal.</summary>
internal static class SlotTimeline
{
    public static Timeline From(RunJournal journal)
    {
        long start = journal.StartNs;
        var spans = new List<PlanSpan>();
        foreach (PlanStartEvent begin in journal.Of<PlanStartEvent>())
        {
            VerdictEvent? verdict = journal.ForPlan<VerdictEvent>(begin.Plan).FirstOrDefault();
            spans.Add(new PlanSpan(
                begin.Plan,
                begin.MonoNs - start,
                (verdict?.MonoNs ?? journal.EndNs) - start,
                verdict is null || verdict.Verdict.Length == 0 ? Verdicts.Error : verdict.Verdict));
        }

        var power = journal.Of<Journal.PowerEvent>()
            .Where(e => e.State is Journal.PowerEvent.On or Journal.PowerEvent.Off)
            .Select(e => new Reports.Model.PowerEvent(e.MonoNs - start, e.State == Journal.PowerEvent.On))
            .ToList();
        var console = journal.Of<ConsoleChunkEvent>()
            .Select(e => new ConsoleActivity(e.MonoNs - start, Math.Max(0, e.Length)))
            .ToList();
        var current = journal.Of<PowerSampleEvent>()
            .Where(e => double.IsFinite(e.Milliamps))
            .Select(e => new CurrentReading(e.MonoNs - start, e.Milliamps))
            .ToList();
        return new Timeline(journal.EndNs - start, spans, power, console, current);
    }
}
