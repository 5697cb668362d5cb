using Rig.Engine.Plans;

namespace Rig.Engine.Schemes;

/// <summary>One level applied to a run: its outcome and each of its provisions'.</summary>
/// <param name="Outcome">met, not met, inconclusive, or not reached (a lower level was not met).</param>
public sealed record LevelResult(SchemeLevel Level, string Outcome, IReadOnlyList<ProvisionResult> Provisions);

/// <summary>A ladder applied to a run: every level, the highest one met (null: none), and why the next one was not.</summary>
public sealed record LadderResult(Scheme Scheme, IReadOnlyList<LevelResult> Levels, SchemeLevel? Highest, string Statement);

/// <summary>Climbs a ladder scheme's levels with a run's verdicts.</summary>
public static class LadderEvaluator
{
    public const string NotReached = "not reached";

    /// <summary>
    /// A level is met when each of its provisions is met or not applicable (the scheme's
    /// provision rule), at least one was met by test (a level nothing was observed at is not
    /// met), and the level below it is met. Desk-review items never count. The device's level
    /// is the highest met; the statement names the next level's provisions that stopped it.
    /// </summary>
    public static LadderResult Evaluate(Scheme scheme, IReadOnlyDictionary<string, Verdict> verdicts)
    {
        LadderTerms ladder = scheme.Ladder ?? throw new ArgumentException($"scheme '{scheme.Id}' has no levels", nameof(scheme));
        var levels = new List<LevelResult>();
        SchemeLevel? highest = null;
        LevelResult? stopped = null;
        foreach (SchemeLevel level in ladder.Levels)
        {
            SchemeResult own = SchemeEvaluator.Evaluate(scheme with { Provisions = level.Provisions }, verdicts);
            string outcome = own.Overall switch
            {
                SchemeEvaluator.DoesNotConform => SchemeEvaluator.NotMet,
                SchemeEvaluator.ConformityInconclusive => SchemeEvaluator.Inconclusive,
                _ when own.Provisions.All(p => p.Outcome == SchemeEvaluator.NotApplicable) => SchemeEvaluator.NotMet,
                _ => SchemeEvaluator.Met,
            };
            if (stopped is not null)
            {
                outcome = NotReached;
            }

            var result = new LevelResult(level, outcome, own.Provisions);
            levels.Add(result);
            if (stopped is null && outcome == SchemeEvaluator.Met)
            {
                highest = level;
            }
            else
            {
                stopped ??= result;
            }
        }

        return new LadderResult(scheme, levels, highest, Statement(highest, stopped));
    }

    private static string Statement(SchemeLevel? highest, LevelResult? stopped)
    {
        string reached = highest is null ? "No level is met" : $"Level {highest.Id} ({highest.Title}) is met";
        if (stopped is null)
        {
            return reached + ": the highest level of this scheme.";
        }

        return $"{reached}; level {stopped.Level.Id} is {stopped.Outcome}: {Why(stopped)}.";
    }

    /// <summary>The provisions that kept a level from being met, each with the plans that decided it.</summary>
    public static string Why(LevelResult level)
    {
        var blocking = level.Provisions.Where(p => p.Outcome is SchemeEvaluator.NotMet or SchemeEvaluator.Inconclusive).ToList();
        if (blocking.Count == 0)
        {
            return "none of its provisions could be decided by test (every plan was not applicable), so nothing was observed at this level";
        }

        return string.Join("; ", blocking.Select(p =>
            $"{p.Id} {p.Outcome} ({string.Join(", ", p.Plans.Where(x => x.Verdict is not (Verdict.Pass or Verdict.NotApplicable)).Select(x => $"{x.Plan} {x.Verdict.Text()}"))})"));
    }
}
