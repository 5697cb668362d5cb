using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Cli;
using Rig.Tests.Support;

namespace Rig.Tests.Graphs;

/// <summary><c>rig plans show</c> and <c>rig plans graph</c> through the real rig executable, checked with the real tools.</summary>
public class PlansCommandTests
{
    private static TempDir _state = null!;

    [OneTimeSetUp]
    public static void Make() => _state = new TempDir();

    [OneTimeTearDown]
    public static void Clean() => _state.Dispose();

    private static (int Exit, string Stdout, string Stderr) Rig(params string[] args) => RigProcess.Run(_state.Path, args);

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [Test]
    public void GraphvizAcceptsTheDotDrawingOfCred01()
    {
        var (exit, dot, stderr) = Rig("plans", "graph", "CRED-01", "--format", "dot");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(dot, Does.StartWith("digraph \"CRED-01\" {").And.Contain("rankdir=LR").And.Contain("subgraph \"cluster_c0_boot\""));
        Tools.Result svg = Tools.Dot(dot);
        Assert.That(svg.Exit, Is.Zero, svg.Stderr);
        Assert.That(svg.Stderr, Is.Empty);
        Assert.That(Tools.SvgTexts(svg.Stdout), Does.Contain("Boot to a prompt").And.Contain("boot/cycle").And.Contain("result found"));
    }

    [TestCase("CRED-01", 2)]
    [TestCase("UART-01", 3)]
    public void MermaidParsesTheDefaultDrawing(string id, int states)
    {
        var (exit, mermaid, stderr) = Rig("plans", "graph", id);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(mermaid, Does.StartWith("stateDiagram-v2\n"));
        JsonElement parsed = Tools.Mermaid(mermaid);
        JsonElement[] nodes = [.. parsed.GetProperty("nodes").EnumerateArray()];
        Assert.That(nodes.Count(n => n.GetProperty("id").GetString()![0] == 's' && n.GetProperty("id").GetString() != "start"), Is.EqualTo(states));
        JsonElement cycle = nodes.Single(n => n.GetProperty("label").GetString() == "boot/cycle");
        Assert.That(cycle.GetProperty("parent").GetString(), Is.EqualTo("c0_boot"));
        Assert.That(nodes.Single(n => n.GetProperty("id").GetString() == "c0_boot").GetProperty("label").GetString(), Is.EqualTo("Boot to a prompt"));
        Assert.That(parsed.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("label").GetString()), Does.Contain(@"console '(?im)^[\x20-\x7E]{0,48}login: ?\z'"));
    }

    [Test]
    public void ShowOutlinesCred01WithItsInputsHashes()
    {
        var (exit, text, stderr) = Rig("plans", "show", "CRED-01");
        Assert.That(exit, Is.Zero, stderr);
        string plans = TestPaths.TestPlans;
        Assert.That(text, Does.StartWith("CRED-01: No universal default password on telnet (version 2)\n"));
        Assert.That(text, Does.Contain("file:        testplans/plans/CRED-01.yaml\n"));
        Assert.That(text, Does.Contain($"sha256:      {Sha256(TestPaths.Plan("CRED-01"))}\n"));
        Assert.That(text, Does.Contain("provisions:  EN 303 645 5.1-1; EN 303 645 5.6-1; TS 103 701 5.1-1-2; OWASP ISVS 2.1.8; OWASP ISVS 3.2.3\n"));
        Assert.That(text, Does.Contain($"  {Sha256(Path.Combine(plans, "wordlists", "mirai.txt"))}  testplans/wordlists/mirai.txt"));
        Assert.That(text, Does.Contain($"  {Sha256(Path.Combine(plans, "fragments", "boot-to-prompt.yaml"))}  testplans/fragments/boot-to-prompt.yaml  (fragment boot-to-prompt)"));
        Assert.That(text, Does.Contain("  boot: boot-to-prompt \"Boot to a prompt\" from testplans/fragments/boot-to-prompt.yaml"));
        Assert.That(text, Does.Contain("state boot/cycle  [fragment boot-to-prompt: Boot to a prompt]  (initial)  (a boot is expected here)\n    enter: power cycle\n"));
        Assert.That(text, Does.Contain("    on after {{boot_time}} (max 1) -> boot/cycle\n"));
        Assert.That(text, Does.Contain("    on result none -> pass: telnet on {{address}} port(s) {{ports}} refused all {{tried}} pairs of the Mirai list\n"));
        Assert.That(text, Does.Contain(@"  crash   -> fail  'Kernel panic - not syncing[^\r\n]{0,120}'"));
        Assert.That(text.IndexOf("state boot/cycle", StringComparison.Ordinal), Is.LessThan(text.IndexOf("state sweep", StringComparison.Ordinal)));
    }

    [Test]
    public void ShowLetsNoControlCharacterReachTheTerminal()
    {
        using var hostile = new HostilePlan();
        var (exit, text, stderr) = Rig("plans", "show", hostile.File);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(text, Does.Contain(@"%% direction TB \u{202E}"));
        Assert.That(text.Where(c => c != '\n' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format), Is.Empty);
    }

    [Test]
    public async Task GraphWithARunHighlightsThePathThatRunTook()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(PathHighlightTests.WhoPlan);
        Task device = Task.Run(async () =>
        {
            await Task.Delay(200);
            bench.Print("login: ");
            Assert.That(bench.Received(3), Is.EqualTo("id\r"));
            bench.Print("uid=0(root)\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Reason, Is.EqualTo("root shell (uid 0)"));

        string file = Path.Combine(bench.Dir, "plan.yaml");
        var (exit, dot, stderr) = Rig("plans", "graph", file, "--format", "dot", "--run", bench.Dir);
        Assert.That(exit, Is.Zero, stderr);
        string[] bold = [.. dot.Split('\n').Where(l => l.Contains("penwidth=2.5", StringComparison.Ordinal)).Select(l => l.Trim())];
        Assert.That(bold.Where(l => l.Contains("->", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(" [", StringComparison.Ordinal)]), Is.EqualTo(new[]
        {
            "\"start\" -> \"s0_wait\"",
            "\"s0_wait\" -> \"s1_shell\"",
            "\"s1_shell\" -> \"v1_fail\"",
        }));
        Assert.That(dot, Does.Contain("\"v1_fail\" [shape=box, style=\"rounded,filled\", fillcolor=\"#f9d6d5\", label=\"FAIL: root shell (uid {{uid}})\", penwidth=2.5"));
        Assert.That(Tools.Dot(dot).Exit, Is.Zero);

        var (mExit, mermaid, _) = Rig("plans", "graph", file, "--run", bench.Dir);
        Assert.That(mExit, Is.Zero);
        JsonElement parsed = Tools.Mermaid(mermaid);
        string[] visited = [.. parsed.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("classes").EnumerateArray().Any(c => c.GetString() == "visited"))
            .Select(n => n.GetProperty("id").GetString()!)];
        Assert.That(visited, Is.EquivalentTo(new[] { "s0_wait", "s1_shell", "v1_fail" }));
        Assert.That(parsed.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("label").GetString()), Does.Contain("\u2714 console 'login:'"));
    }

    [TestCase(new[] { "plans", "graph", "NOPE-9" }, "rig: no shipped plan 'NOPE-9' (shipped: {shipped}; or give a plan file)")]
    [TestCase(new[] { "plans", "show", "missing/plan.yaml" }, "rig: missing/plan.yaml: no such plan file")]
    [TestCase(new[] { "plans", "graph", "CRED-01", "--format", "svg" }, "rig: --format svg: draw as mermaid or dot")]
    [TestCase(new[] { "plans", "graph", "CRED-01", "--run", "/nonexistent/run" }, "rig: --run /nonexistent/run: no such run folder")]
    public void BadInputIsOneLine(string[] args, string message)
    {
        var (exit, stdout, stderr) = Rig(args);
        // The shipped plans grow with the catalog: the message lists whatever is in testplans/plans.
        string shipped = string.Join(", ", Directory.GetFiles(Path.Combine(TestPaths.TestPlans, "plans"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(message.Replace("{shipped}", shipped, StringComparison.Ordinal) + "\n"));
    }

    [Test]
    public void ARunFolderWithoutThePlanIsOneLine()
    {
        using var run = new TempDir();
        File.WriteAllText(run["journal.jsonl"], "{\"seq\":1,\"ev\":\"journal\",\"version\":1}\n{\"seq\":2,\"ev\":\"state\",\"plan\":\"UART-01\",\"state\":\"poke\"}\n");
        var (exit, _, stderr) = Rig("plans", "graph", "CRED-01", "--run", run.Path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.TrimEnd(), Is.EqualTo($"rig: --run {run.Path}: {run["journal.jsonl"]}: plan CRED-01 did not run in this journal"));

        File.WriteAllText(run["journal.jsonl"], "{\"seq\":1,\"ev\":\"state\",\"plan\":\"CRED-01\",\"state\":\"nowhere\"}\n");
        (exit, _, stderr) = Rig("plans", "graph", "CRED-01", "--run", run.Path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.TrimEnd(), Is.EqualTo($"rig: --run {run.Path}: plan CRED-01 entered state 'nowhere', which testplans/plans/CRED-01.yaml does not have (was the plan changed since the run?)"));
    }

    [Test]
    public void ValidateAndListStillWork()
    {
        var (exit, list, _) = Rig("plans", "list");
        Assert.That(exit, Is.Zero);
        Assert.That(list, Does.Contain("CRED-01").And.Contain("UART-01"));
        var (vExit, validated, stderr) = Rig("plans", "validate", Path.Combine(TestPaths.TestPlans, "plans"));
        Assert.That(vExit, Is.Zero, stderr);
        Assert.That(validated, Does.Contain("CRED-01.yaml: ok (CRED-01, 2 states)"));
    }
}
