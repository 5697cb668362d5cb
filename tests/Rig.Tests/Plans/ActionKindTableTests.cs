using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Plans;

/// <summary>An action is one kind in one table: a new one is parsed, checked, run and journaled without touching the rig's files.</summary>
public class ActionKindTableTests
{
    private const string Head = "plan: T-1\ntitle: a new action\ninitial: a\nstates:\n  a:\n    enter:\n";

    /// <summary><c>note: { text: X }</c>: an action only this test knows; it ends with "noted" and sets {{note}}.</summary>
    private sealed class NoteKind : IActionKind
    {
        public string Name => "note";

        public IPlanAction Parse(ActionArgument argument)
        {
            YamlMap map = argument.Mapping("{ text: hello }");
            map.AllowOnly("text");
            return new NoteAction(map.RequireString("text"));
        }
    }

    private sealed class NoteAction(string text) : IPlanAction
    {
        public string Kind => "note";

        public string Describe => $"note {text}";

        public IReadOnlyList<string> Results => ["noted"];

        public IReadOnlyList<string> Sets => ["note"];

        public Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct) =>
            Task.FromResult(new ActionResult("noted", new Dictionary<string, string> { ["note"] = text }));
    }

    private static readonly ActionKinds Kinds = ActionKinds.Builtin.With(new NoteKind());

    [Test]
    public async Task ANewKindInTheTableIsParsedRunAndJournaled()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + "      - note: { text: hello }\n    on:\n      - result: noted\n        verdict: pass\n        because: 'noted {{note}}'\n", Kinds);
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(outcome.Reason, Is.EqualTo("noted hello"));
        Assert.That(File.ReadAllText(bench.JournalPath), Does.Contain("\"action\":\"note hello\""));
    }

    [Test]
    public async Task ANewKindsResultsAndArgumentsAreChecked()
    {
        await using var bench = new PtyBench();
        var unhandled = Assert.Throws<ConfigException>(() => bench.Plan(Head + "      - note: { text: hello }\n    on:\n      - result: lost\n        verdict: pass\n        because: x\n", Kinds));
        Assert.That(unhandled!.Message, Does.StartWith("plan.yaml:9:").And.EndWith("result 'lost' can never happen here: 'note' ends with: noted, done"));
        var scalar = Assert.Throws<ConfigException>(() => bench.Plan(Head + "      - note: hello\n    on:\n      - after: 1s\n        verdict: pass\n        because: x\n", Kinds));
        Assert.That(scalar!.Message, Is.EqualTo("plan.yaml:7:15: note takes a mapping: { text: hello }"));
    }

    [Test]
    public async Task UnknownActionListsTheTable()
    {
        await using var bench = new PtyBench();
        const string yaml = Head + "      - note: { text: hello }\n    on:\n      - result: noted\n        verdict: pass\n        because: x\n";
        var builtin = Assert.Throws<ConfigException>(() => bench.Plan(yaml));
        Assert.That(builtin!.Message, Does.StartWith("plan.yaml:7:9: unknown action 'note' (known: power, send, credentials,"));
        Assert.That(builtin.Message, Does.EndWith("reflash, power-cut-update)"));
        Assert.That(bench.Plan(yaml, Kinds).States["a"].Enter.Single().Action.Describe, Is.EqualTo("note hello"));
    }
}
