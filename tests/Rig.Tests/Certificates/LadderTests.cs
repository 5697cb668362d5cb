using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Engine.Schemes;

namespace Rig.Tests.Certificates;

/// <summary>The ladder climbs levels in order: the highest level met, and why the next one was not.</summary>
public class LadderTests
{
    // Three levels, one plan each, so every level's edge can be reached alone.
    private const string Ladder = """
        scheme: test-ladder
        title: Test ladder
        version: "1"
        standard: test standard
        decision_rule: levels in order
        validity:
          short_months: 6
          update_plans: [P2]
        levels:
          - id: A
            title: Level A
            standard: standard A
            max_validity_months: 24
            decision_rule: P1 passes
            provisions:
              - { id: "a.1", title: first, plans: [P1] }
            desk_review:
              - { id: "a.9", title: a document }
          - id: B
            title: Level B
            standard: standard B
            max_validity_months: 36
            decision_rule: P2 passes
            provisions:
              - { id: "b.1", title: second, plans: [P2] }
          - id: C
            title: Level C
            standard: standard C
            max_validity_months: 36
            decision_rule: P3 passes
            provisions:
              - { id: "c.1", title: third, plans: [P3] }
        """;

    private static Scheme Load(TempDir dir, string yaml) =>
        SchemeLoader.Load(dir.Write("ladder.yaml", yaml), id => id is "P1" or "P2" or "P3", "ladder.yaml");

    private static LadderResult Climb(Verdict p1, Verdict p2, Verdict p3)
    {
        using var dir = new TempDir();
        return LadderEvaluator.Evaluate(Load(dir, Ladder), new Dictionary<string, Verdict> { ["P1"] = p1, ["P2"] = p2, ["P3"] = p3 });
    }

    [Test]
    public void EveryLevelMetGivesTheTopLevel()
    {
        LadderResult r = Climb(Verdict.Pass, Verdict.Pass, Verdict.Pass);
        Assert.That(r.Highest?.Id, Is.EqualTo("C"));
        Assert.That(r.Statement, Is.EqualTo("Level C (Level C) is met: the highest level of this scheme."));
    }

    [Test]
    public void AFailAtTheTopStopsOneBelowAndNamesTheProvisionAndPlan()
    {
        LadderResult r = Climb(Verdict.Pass, Verdict.Pass, Verdict.Fail);
        Assert.That(r.Highest?.Id, Is.EqualTo("B"));
        Assert.That(r.Statement, Is.EqualTo("Level B (Level B) is met; level C is not met: c.1 not met (P3 fail)."));
    }

    [Test]
    public void AnInconclusiveMiddleLevelStopsTheClimbAndLeavesTheRestNotReached()
    {
        LadderResult r = Climb(Verdict.Pass, Verdict.Inconclusive, Verdict.Pass);
        Assert.That(r.Highest?.Id, Is.EqualTo("A"));
        Assert.That(r.Levels.Select(l => l.Outcome), Is.EqualTo(new[] { "met", "inconclusive", LadderEvaluator.NotReached }));
        Assert.That(r.Statement, Does.Contain("level B is inconclusive: b.1 inconclusive (P2 inconclusive)"));
    }

    [Test]
    public void AFailAtTheFirstLevelMeetsNoLevelEvenWhenHigherPlansPass()
    {
        LadderResult r = Climb(Verdict.Fail, Verdict.Pass, Verdict.Pass);
        Assert.That(r.Highest, Is.Null);
        Assert.That(r.Statement, Is.EqualTo("No level is met; level A is not met: a.1 not met (P1 fail)."));
    }

    [Test]
    public void ALevelWhoseEveryPlanIsNotApplicableIsNotMetBecauseNothingWasObserved()
    {
        LadderResult r = Climb(Verdict.Pass, Verdict.NotApplicable, Verdict.Pass);
        Assert.That(r.Highest?.Id, Is.EqualTo("A"));
        Assert.That(r.Statement, Does.Contain("nothing was observed at this level"));
    }

    [Test]
    public void AMissingVerdictIsAnErrorNotAPass()
    {
        using var dir = new TempDir();
        LadderResult r = LadderEvaluator.Evaluate(Load(dir, Ladder), new Dictionary<string, Verdict> { ["P1"] = Verdict.Pass });
        Assert.That(r.Highest?.Id, Is.EqualTo("A"));
        Assert.That(r.Levels[1].Outcome, Is.EqualTo("inconclusive"));
    }

    [Test]
    public void TheFlattenedProvisionsNameTheirLevelAndTheDeskReviewIsKeptApart()
    {
        using var dir = new TempDir();
        Scheme s = Load(dir, Ladder);
        Assert.That(s.Provisions.Select(p => p.Id), Is.EqualTo(new[] { "A a.1", "B b.1", "C c.1" }));
        Assert.That(s.Ladder!.Levels[0].DeskReview.Single().Id, Is.EqualTo("a.9"));
        Assert.That(s.Plans, Is.EqualTo(new[] { "P1", "P2", "P3" }));
    }

    [Test]
    public void AProvisionWithoutAPlanIsRefusedAtItsPositionAndPointsToTheDeskReview()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, Ladder.Replace("- { id: \"b.1\", title: second, plans: [P2] }", "- { id: \"b.1\", title: second }", StringComparison.Ordinal)))!;
        Assert.That(e.Message, Does.StartWith("ladder.yaml:25:9: "));
        Assert.That(e.Reason, Does.Contain("goes under desk_review"));
    }

    [Test]
    public void AShortValidityLongerThanALevelsMaximumIsRefused()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, Ladder.Replace("short_months: 6", "short_months: 30", StringComparison.Ordinal)))!;
        Assert.That(e.Message, Does.StartWith("ladder.yaml:7:17: "));
        Assert.That(e.Reason, Does.Contain("level 'A' allows (24)"));
    }

    [Test]
    public void TheShippedLadderClimbsToItsTopWhenEveryPlanPassesAndStopsAtTheBaselineOnABruteForceFail()
    {
        string file = Path.Combine(TestPaths.TestPlans, "schemes", "en-303-645-isvs-ladder.yaml");
        Scheme ladder = SchemeLoader.Load(file, id => File.Exists(TestPaths.Plan(id)));
        Scheme baseline = SchemeLoader.Load(Path.Combine(TestPaths.TestPlans, "schemes", "etsi-en-303-645-baseline.yaml"), id => File.Exists(TestPaths.Plan(id)));
        Assert.That(ladder.Plans.Except(baseline.Plans), Is.EqualTo(new[] { "FW-02" }), "the ladder needs the baseline's plans and FW-02 (ISVS 3.2.4)");
        Assert.That(RunPlans.Of(baseline, ladder), Is.EqualTo(ladder.Plans), "the demo runs both schemes' plans once, FW-02 before the plans that may leave the device broken");
        Assert.That(ladder.Ladder!.Levels.Select(l => l.Id), Is.EqualTo(new[] { "EN-303-645", "ISVS-L1", "ISVS-L2", "ISVS-L3" }));

        var all = ladder.Plans.ToDictionary(p => p, _ => Verdict.Pass);
        Assert.That(LadderEvaluator.Evaluate(ladder, all).Highest?.Id, Is.EqualTo("ISVS-L3"));

        // A known vulnerability keeps a device at the baseline level: it may get a certificate there, whose light is then amber.
        LadderResult vulnerable = LadderEvaluator.Evaluate(ladder, new Dictionary<string, Verdict>(all) { ["FW-02"] = Verdict.Fail });
        Assert.That(vulnerable.Highest?.Id, Is.EqualTo("EN-303-645"));
        Assert.That(vulnerable.Statement, Does.Contain("3.2.4 not met (FW-02 fail)"));
        LadderResult unidentified = LadderEvaluator.Evaluate(ladder, new Dictionary<string, Verdict>(all) { ["FW-02"] = Verdict.Inconclusive });
        Assert.That(unidentified.Highest?.Id, Is.EqualTo("EN-303-645"), "components nobody could identify are not components without vulnerabilities");

        var partial = new Dictionary<string, Verdict>(all) { ["AUTH-01"] = Verdict.Fail, ["UPD-04"] = Verdict.Fail };
        LadderResult r = LadderEvaluator.Evaluate(ladder, partial);
        Assert.That(r.Highest, Is.Null);
        Assert.That(r.Statement, Does.Contain("level EN-303-645 is not met: 5.1-5 not met (AUTH-01 fail)"));
        Assert.That(r.Statement, Does.Contain("5.3-2 not met (UPD-04 fail)"));
    }
}
