using Rig.Engine.Actions;
using Rig.Engine.Graphs;
using Rig.Engine.Plans;

namespace Rig.Tests.Graphs;

/// <summary>The graphs of the shipped plans: what a technician reading the drawing must find in it.</summary>
public class ShippedPlanGraphTests
{
    private static PlanGraph Graph(string id) => PlanGraph.From(PlanLoader.Load(TestPaths.Plan(id)));

    private static GraphEdge Edge(PlanGraph g, string from, string label) =>
        g.Edges.Single(e => e.From == g.StateNode(from)!.Id && e.Label == label);

    [TestCase("CRED-01")]
    [TestCase("UART-01")]
    public void TheBootFragmentIsOneClusterTitledWithItsTitle(string id)
    {
        PlanGraph g = Graph(id);
        GraphCluster boot = g.Clusters.Single();
        Assert.That(boot, Is.EqualTo(new GraphCluster("c0_boot", "boot", "boot-to-prompt", "Boot to a prompt")));
        GraphNode cycle = g.StateNode("boot/cycle")!;
        Assert.That(cycle.Cluster, Is.EqualTo(boot.Id));
        Assert.That(cycle.Lines, Does.Contain("enter: power cycle"));
        Assert.That(g.Nodes.Where(n => n.Kind == GraphNodeKind.State && n.State != "boot/cycle").Select(n => n.Cluster), Is.All.Null);
    }

    [Test]
    public void CredGraphStartsAtTheFragmentAndEndsInThreeVerdicts()
    {
        PlanGraph g = Graph("CRED-01");
        Assert.That(g.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "start", "s0_boot_cycle", "s1_sweep", "v0_fail", "v1_pass", "v2_pass", "any", "d0_fail", "d1_fail" }));
        Assert.That(g.Edges[0], Is.EqualTo(new GraphEdge("start", "s0_boot_cycle", GraphEdgeKind.Start, string.Empty)));

        // The fragment's three returns all lead to sweep; its retry is a self-loop with its limit.
        Assert.That(g.Edges.Count(e => e.From == "s0_boot_cycle" && e.To == "s1_sweep"), Is.EqualTo(3));
        Assert.That(Edge(g, "boot/cycle", $"console '{ConsolePrompts.Login}'").To, Is.EqualTo("s1_sweep"));
        Assert.That(Edge(g, "boot/cycle", "after {{boot_time}} (max 1)").To, Is.EqualTo("s0_boot_cycle"));

        GraphNode sweep = g.StateNode("sweep")!;
        Assert.That(sweep.Lines, Is.EqualTo(new[] { "Try the Mirai credential list on every telnet", "port of the device.", "enter: credentials telnet (62 pairs)" }));
        GraphNode fail = g.Node(Edge(g, "sweep", "result found").To);
        Assert.That(fail.Kind, Is.EqualTo(GraphNodeKind.Verdict));
        Assert.That(fail.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(fail.Title, Is.EqualTo("FAIL: telnet on {{address}}:{{port}} accepted {{user}}:{{password" + LabelText.Ellipsis));
        Assert.That(fail.Title, Has.Length.EqualTo(6 + PlanWords.MaxBecause));
        Assert.That(g.Node(Edge(g, "sweep", "result closed").To).Title, Is.EqualTo("PASS: no telnet service answers on {{address}} port(s) {{ports}}"));
    }

    [Test]
    public void UartGuardAndTimeoutsReadAsInThePlan()
    {
        PlanGraph g = Graph("UART-01");
        string uid = @"console 'uid=(?<uid>\d+)\((?<user>[^)\r\n]{0,32})\)'";
        Assert.That(Edge(g, "whoami", uid + " [when uid == 0]").To, Is.EqualTo("v3_fail"));
        Assert.That(Edge(g, "whoami", uid).To, Is.EqualTo("v4_fail"));
        Assert.That(g.Node("v3_fail").Title, Does.StartWith("FAIL: the console gave a root shell"));
        Assert.That(g.Node("v4_fail").Title, Does.StartWith("FAIL: the console gave a shell without any login (not root)"));
        Assert.That(Edge(g, "poke", "after 15s").To, Is.EqualTo("v2_inconclusive"), "no answer to Enter is no pass");
        Assert.That(g.StateNode("poke")!.Lines, Does.Contain("enter: send \"\\r\""));
        Assert.That(g.StateNode("boot/cycle")!.Lines, Does.Contain("a boot is expected: reboot patterns off"));
        Assert.That(g.StateNode("poke")!.Lines, Has.None.Contains("boot is expected"));
    }

    [Test]
    public void DeathPatternsHangOffAnyStateByKind()
    {
        PlanGraph g = Graph("UART-01");
        Assert.That(g.Death, Has.Count.EqualTo(DeathPatterns.Builtin.Count));
        int crashes = DeathPatterns.Builtin.Count(d => d.Kind == DeathKind.Crash), reboots = DeathPatterns.Builtin.Count(d => d.Kind == DeathKind.Reboot);
        Assert.That(g.Death.Count(d => d.Kind == DeathKind.Crash), Is.EqualTo(crashes));
        Assert.That(g.Death.Count(d => d.Kind == DeathKind.Reboot), Is.EqualTo(reboots));
        GraphEdge[] death = [.. g.Edges.Where(e => e.Kind == GraphEdgeKind.Death)];
        Assert.That(death.Select(e => (e.From, e.To, e.Label)), Is.EqualTo(new[]
        {
            ("any", "d0_fail", $"crash: {crashes} patterns, armed in every state"),
            ("any", "d1_fail", $"reboot: {reboots} patterns, armed where no boot is expected"),
        }));
        Assert.That(g.Node("d0_fail").Title, Is.EqualTo("FAIL: the device crashed (death pattern)"));
        Assert.That(g.Death.Where(d => d.Kind == DeathKind.Reboot).Select(d => d.Terminal), Is.All.EqualTo("d1_fail"));
        Assert.That(g.DeathNote().Skip(1), Has.Some.EqualTo(@"crash -> fail: 'Kernel panic - not syncing[^\r\n]{0,120}'"));
    }

    [Test]
    public void InternalTransitionsAreSelfLoopsAndUnreachableStatesComeLast()
    {
        using var dir = new TempDir();
        string file = dir.Write("plans/I-1.yaml", """
            plan: I-1
            title: internal
            initial: a
            states:
              a:
                on:
                  - event: power-on
                    do: [ { send: "x" } ]
                    limit: 3
                  - result: done
                    goto: c
              c:
                on:
                  - after: 1s
                    verdict: pass
                    because: fine
                  - console: 'b'
                    goto: b
              b:
                on:
                  - after: 1s
                    goto: a
            """);
        PlanGraph g = PlanGraph.From(PlanLoader.Load(file));
        Assert.That(g.Nodes.Where(n => n.Kind == GraphNodeKind.State).Select(n => n.State), Is.EqualTo(new[] { "a", "c", "b" }), "in the order they are reached");
        GraphEdge loop = g.Edges.Single(e => e.Kind == GraphEdgeKind.Internal);
        Assert.That(loop, Is.EqualTo(new GraphEdge("s0_a", "s0_a", GraphEdgeKind.Internal, "event power-on (max 3) do: send \"x\"")));
        Assert.That(g.Clusters, Is.Empty);
    }

    [TestCase("CRED-01")]
    [TestCase("UART-01")]
    public void DrawingTheSamePlanTwiceGivesTheSameText(string id)
    {
        Plan once = PlanLoader.Load(TestPaths.Plan(id));
        Plan twice = PlanLoader.Load(TestPaths.Plan(id));
        Assert.That(MermaidWriter.Write(PlanGraph.From(twice)), Is.EqualTo(MermaidWriter.Write(PlanGraph.From(once))));
        Assert.That(DotWriter.Write(PlanGraph.From(twice)), Is.EqualTo(DotWriter.Write(PlanGraph.From(once))));
    }
}
