using Rig.Engine.Schemes;

namespace Rig.Tests.Schemes;

/// <summary>A scheme climbed beside a ladder runs the plans of both, each once, in an order both keep.</summary>
public class RunPlansTests
{
    private static Scheme With(params string[] order) =>
        new("s", "t", "1", "std", "rule", [new SchemeProvision("p", "t", order)], [], "f", "0", order);

    [Test]
    public void APlanOnlyTheLadderNeedsGoesWhereTheLadderPutsIt()
    {
        Scheme scheme = With("A", "B", "UPD");
        Scheme ladder = With("A", "B", "FW", "UPD");
        Assert.That(RunPlans.Of(scheme, ladder), Is.EqualTo(new[] { "A", "B", "FW", "UPD" }), "FW runs before the plan that may leave the device broken");
    }

    [Test]
    public void TheSchemesOrderWinsWhereTheTwoDisagreeAndNothingRunsTwice()
    {
        Scheme scheme = With("B", "A", "C");
        Scheme ladder = With("A", "X", "B", "Y", "Z");
        Assert.That(RunPlans.Of(scheme, ladder), Is.EqualTo(new[] { "X", "B", "A", "C", "Y", "Z" }), "the scheme's B, A, C stay in its order; X precedes B as in the ladder; the rest follow");
    }

    [Test]
    public void WithoutALadderTheSchemesPlansRunAsTheyAre()
    {
        Scheme scheme = With("B", "A");
        Assert.That(RunPlans.Of(scheme, null), Is.EqualTo(new[] { "B", "A" }));
    }
}
