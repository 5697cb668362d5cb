using Rig.Engine.Engine;
using Rig.Engine.Graphs;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Graphs;

/// <summary>The path a run took, marked on the graph by the rules documented on <see cref="PlanGraph"/>.</summary>
public class PathHighlightTests
{
    private static readonly Plan Uart = PlanLoader.Load(TestPaths.Plan("UART-01"));

    private static IEnumerable<string> Visited(PlanGraph g) => g.Nodes.Where(n => n.Visited).Select(n => n.Id);

    private static IEnumerable<(string, string, string)> Taken(PlanGraph g) => g.Edges.Where(e => e.Taken).Select(e => (e.From, e.To, e.Label));

    [Test]
    public void WithoutARunNothingIsMarked()
    {
        PlanGraph g = PlanGraph.From(Uart);
        Assert.That(Visited(g), Is.Empty);
        Assert.That(Taken(g), Is.Empty);
        Assert.That(g.Death.Where(d => d.Fired), Is.Empty);
    }

    [Test]
    public void RootShellPathMarksTheGuardedFailOnly()
    {
        var run = new RunPath(["boot/cycle", "poke", "whoami"], Verdict.Fail, "the console gave a root shell without any login: id answered uid=0(root)");
        PlanGraph g = PlanGraph.From(Uart, run);
        Assert.That(Visited(g), Is.EqualTo(new[] { "start", "s0_boot_cycle", "s1_poke", "s2_whoami", "v3_fail" }));
        Assert.That(Taken(g).Select(t => (t.Item1, t.Item2)), Is.EqualTo(new[]
        {
            ("start", "s0_boot_cycle"),
            ("s0_boot_cycle", "s1_poke"), ("s0_boot_cycle", "s1_poke"), ("s0_boot_cycle", "s1_poke"), // the path does not say which event fired
            ("s1_poke", "s2_whoami"),
            ("s2_whoami", "v3_fail"),
        }));
    }

    [Test]
    public void ARetryMarksTheSelfLoop()
    {
        var run = new RunPath(["boot/cycle", "boot/cycle", "poke"], Verdict.Inconclusive, "nothing answered Enter within 15 s: the console may ignore input, or the rig's transmit line may not reach it");
        PlanGraph g = PlanGraph.From(Uart, run);
        Assert.That(g.Edges.Single(e => e.Label == "after {{boot_time}} (max 1)").Taken, Is.True);
        Assert.That(g.Node("v2_inconclusive").Visited, Is.True);
        Assert.That(g.Node("v0_pass").Visited, Is.False);
        Assert.That(g.StateNode("whoami")!.Visited, Is.False);
    }

    [Test]
    public void ADeathPatternMarksItsKindsEdgeAndNoteLine()
    {
        DeathPattern panic = DeathPatterns.Builtin[0];
        var run = new RunPath(["boot/cycle", "poke"], Verdict.Fail, "the device crashed (kernel panic): Kernel panic - not syncing: x", panic.Source);
        PlanGraph g = PlanGraph.From(Uart, run);
        Assert.That(Taken(g).Last(), Is.EqualTo(("any", "d0_fail", $"crash: {DeathPatterns.Builtin.Count(d => d.Kind == DeathKind.Crash)} patterns, armed in every state")));
        Assert.That(g.Node("any").Visited && g.Node("d0_fail").Visited, Is.True);
        Assert.That(g.Nodes.Where(n => n.Kind == GraphNodeKind.Verdict && n.Visited).Select(n => n.Id), Is.EqualTo(new[] { "d0_fail" }));
        Assert.That(g.Death.Single(d => d.Fired).Pattern, Is.EqualTo(panic.Source));
        Assert.That(g.DeathNote(), Has.One.EndsWith("(ended this run)"));
    }

    [Test]
    public void ARigFaultEndsInATerminalOfItsOwn()
    {
        var run = new RunPath(["boot/cycle"], Verdict.Error, "in state 'boot/cycle': relay command failed", RigFault: true);
        PlanGraph g = PlanGraph.From(Uart, run);
        GraphEdge ended = g.Edges.Single(e => e.Kind == GraphEdgeKind.Ended);
        Assert.That((ended.From, ended.Label, ended.Taken), Is.EqualTo(("s0_boot_cycle", "rig fault", true)));
        GraphNode terminal = g.Node(ended.To);
        Assert.That((terminal.Title, terminal.Verdict, terminal.Visited), Is.EqualTo(("ERROR: in state 'boot/cycle': relay command failed", (Verdict?)Verdict.Error, true)));
        Assert.That(g.Edges.Where(e => e.Kind == GraphEdgeKind.Transition && e.To.StartsWith('v')).Select(e => e.Taken), Is.All.False);
    }

    [Test]
    public void ARunCutShortMarksWhereItGotAndNoEnd()
    {
        PlanGraph g = PlanGraph.From(Uart, new RunPath(["boot/cycle", "poke"]));
        Assert.That(Visited(g), Is.EqualTo(new[] { "start", "s0_boot_cycle", "s1_poke" }));
        Assert.That(g.Edges.Where(e => e.Kind is GraphEdgeKind.Ended or GraphEdgeKind.Death).Select(e => e.Taken), Is.All.False);
    }

    [Test]
    public async Task ARealRunsJournalMarksThePathItTook()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(WhoPlan);
        Task device = Task.Run(async () =>
        {
            await Task.Delay(200);
            bench.Print("login: ");
            Assert.That(bench.Received(3), Is.EqualTo("id\r"), "the plan typed id once the prompt came");
            bench.Print("uid=1000(user)\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Reason, Is.EqualTo("user shell (uid 1000)"));

        RunPath run = RunPathReader.Read(bench.Dir, plan.Id);
        Assert.That(run, Is.EqualTo(new RunPath(["wait", "shell"], Verdict.Fail, "user shell (uid 1000)", null, false)).Using<RunPath>(Same));
        PlanGraph g = PlanGraph.From(plan, run);
        Assert.That(Taken(g).Select(t => t.Item3), Is.EqualTo(new[] { string.Empty, "console 'login:'", @"console 'uid=(?<uid>\d+)'" }));
        Assert.That(g.Nodes.Single(n => n.Visited && n.Kind == GraphNodeKind.Verdict).Title, Is.EqualTo("FAIL: user shell (uid {{uid}})"));
    }

    /// <summary>A login prompt, then `id`: fail either way, but the reason tells a root shell from a user's.</summary>
    internal const string WhoPlan = """
        plan: W-1
        title: who
        initial: wait
        states:
          wait:
            on:
              - console: 'login:'
                goto: shell
              - after: 10s
                verdict: error
                because: no login prompt
          shell:
            enter:
              - send: "id\r"
            on:
              - console: 'uid=(?<uid>\d+)'
                when: 'uid == 0'
                verdict: fail
                because: 'root shell (uid {{uid}})'
              - console: 'uid=(?<uid>\d+)'
                verdict: fail
                because: 'user shell (uid {{uid}})'
              - after: 10s
                verdict: inconclusive
                because: no answer
        """;

    private static bool Same(RunPath a, RunPath b) =>
        a.States.SequenceEqual(b.States) && a.Verdict == b.Verdict && a.Reason == b.Reason && a.DeathPattern == b.DeathPattern && a.RigFault == b.RigFault;
}
