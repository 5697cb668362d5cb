using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Tests.Meter;

/// <summary><c>current:</c> events in plans: read into conditions, and mistakes refused at plan load with file:line:col.</summary>
public class CurrentEventTests
{
    private readonly TempDir _dir = new();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    /// <summary>A plan whose one state waits for <paramref name="condition"/> (the current: key is at line 9, column 9; its value at column 18).</summary>
    private Plan Load(string condition, string needs = "[power, power_meter]", string because = "bricked") =>
        PlanLoader.Load(_dir.Write("p.yaml", $"""
            plan: PWR-T
            title: t
            needs: {needs}
            initial: wait
            states:
              wait:
                enter: [ {"{"} power: on {"}"} ]
                on:
                  - current: '{condition}'
                    verdict: fail
                    because: '{because}'
                  - after: 10s
                    verdict: pass
                    because: it drew current
            """), "p.yaml");

    [TestCase("< 5mA for 3s", "<", 5, 3000)]
    [TestCase("> 100mA for 1s", ">", 100, 1000)]
    [TestCase(">= 1.5A", ">=", 1500, 0)]
    [TestCase("<= 250uA for 500ms", "<=", 0.25, 500)]
    [TestCase("<2mA for 1m", "<", 2, 60_000)]
    public void AConditionIsReadWithItsUnitAndDuration(string text, string op, double milliamps, int ms)
    {
        var trigger = (CurrentTrigger)Load(text).States["wait"].On[0].Trigger;
        Assert.That(trigger.Condition, Is.EqualTo(new CurrentCondition(op, milliamps, TimeSpan.FromMilliseconds(ms))));
        Assert.That(trigger.Source, Is.EqualTo(text));
    }

    [Test]
    public void AConditionHoldsOnItsSideOfTheValue()
    {
        var below = new CurrentCondition("<", 5, TimeSpan.Zero);
        var atLeast = new CurrentCondition(">=", 100, TimeSpan.Zero);
        Assert.That((below.Holds(4.9), below.Holds(5), atLeast.Holds(100), atLeast.Holds(99.9)), Is.EqualTo((true, false, true, false)));
    }

    [TestCase("5mA for 3s", "bad current condition '5mA for 3s'")]
    [TestCase("< 5 for 3s", "bad current condition")]
    [TestCase("< 5mA for ever", "bad duration 'ever'")]
    [TestCase("< 5kA", "bad current condition")]
    [TestCase("= 5mA", "bad current condition")]
    [TestCase("> 999999A", "is beyond any bench's meter")]
    public void ABadConditionIsRefusedAtItsPosition(string text, string message)
    {
        var e = Assert.Throws<ConfigException>(() => Load(text));
        Assert.That(e!.Message, Does.StartWith("p.yaml:9:18: ").And.Contain(message));
    }

    [Test]
    public void APlanThatReadsCurrentMustSayItNeedsAPowerMeter()
    {
        var e = Assert.Throws<ConfigException>(() => Load("< 5mA for 3s", needs: "[power, console]"));
        Assert.That(e!.Message, Does.StartWith("p.yaml:9:9: ").And.Contain("add 'power_meter' to the plan's needs"));
    }

    [Test]
    public void TheReadingIsAVariableOnlyWhereCurrentIsRead()
    {
        Assert.That(Load("< 5mA for 3s", because: "drew {{current_ma}} mA").States["wait"].On[0].Because, Is.EqualTo("drew {{current_ma}} mA"));
        var e = Assert.Throws<ConfigException>(() => PlanLoader.Load(_dir.Write("q.yaml", """
            plan: PWR-Q
            title: t
            initial: wait
            states:
              wait:
                on:
                  - after: 1s
                    verdict: pass
                    because: 'drew {{current_ma}} mA'
            """), "q.yaml"));
        Assert.That(e!.Message, Does.Contain("variable 'current_ma' is never set"));
    }
}
