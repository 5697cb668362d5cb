using System.Text.Json;
using Rig.Engine.Graphs;
using Rig.Engine.Plans;

namespace Rig.Tests.Graphs;

/// <summary>Hostile labels come out of Graphviz and Mermaid exactly as the graph holds them, and break nothing.</summary>
public class EscapingTests
{
    private static HostilePlan _hostile = null!;

    private static PlanGraph Graph => PlanGraph.From(_hostile.Plan);

    [OneTimeSetUp]
    public static void Load() => _hostile = new HostilePlan();

    [OneTimeTearDown]
    public static void Clean() => _hostile.Dispose();

    [Test]
    public void TheGraphKeepsTheHostileTextVisible()
    {
        PlanGraph g = Graph;
        GraphNode odd = g.StateNode("odd  \"name\" {x}|<y>")!;
        Assert.That(odd.Title, Is.EqualTo("odd  \"name\" {x}|<y>"), "runs of spaces too");
        string description = string.Join(' ', odd.Lines);
        Assert.That(description, Does.Contain(@"<b>bold</b> \N \l #35; end note\nend note\n%% direction TB \u{202E}"), "newlines and the bidi override are shown, not obeyed");
        Assert.That(odd.Lines, Does.Contain(@"enter: send ""a\""b\{c}|<d>\r\n""".Replace("\\\"", "\"")));
        Assert.That(g.Edges.Select(e => e.Label), Does.Contain(@"console 'say ""(?<x>hi)"" \{x\} \| <y> \\N %% #35; ; direction TB' [when x == 'hi']"));
        Assert.That(g.Edges.Select(e => e.Label), Does.Contain(@"console 'two\nlines'"));
        Assert.That(g.Edges.Select(e => e.Label), Does.Contain(@"event power-on (max 2) do: send ""x""y"""));
        Assert.That(g.Clusters.Single().Title, Is.EqualTo(@"Frag ""one"" {a}|<b> \N end note"));
        Assert.That(g.Nodes.Select(n => n.Title), Does.Contain(@"FAIL: got ""{{x}}"" <script>alert(1)</script> | {x} \G end note"));
        Assert.That(g.Death.Single(d => !d.Builtin).Pattern, Is.EqualTo(@"boom ""x"" \{1\} <z> \| \\E"));
    }

    [Test]
    public void GraphvizDrawsEveryLabelAsWritten()
    {
        PlanGraph g = Graph;
        Tools.Result svg = Tools.Dot(DotWriter.Write(g));
        Assert.That(svg.Exit, Is.Zero, svg.Stderr);
        Assert.That(svg.Stderr, Is.Empty, "no warnings: a stray escape or brace makes dot complain");
        List<string> texts = Tools.SvgTexts(svg.Stdout);

        var expected = new List<string> { $"{g.PlanId}: {g.Title}" };
        expected.AddRange(g.Nodes.Where(n => n.Kind != GraphNodeKind.Start).SelectMany(n => n.Lines.Prepend(n.Title)));
        expected.AddRange(g.Edges.Select(e => e.Label).Where(l => l.Length > 0));
        expected.AddRange(g.Clusters.Select(c => c.Title));
        expected.AddRange(g.DeathNote());
        Assert.That(expected, Is.SubsetOf(texts));
        Assert.That(expected, Has.Some.Contains("\\N").And.Some.Contains("{x}|<y>").And.Some.Contains("\"stop\""));

        // Nothing more was drawn than the graph holds: no label split or swallowed a node.
        Assert.That(texts, Is.SubsetOf(expected));
    }

    [Test]
    public void MermaidsParserReadsEveryLabelAsWritten()
    {
        PlanGraph g = Graph;
        JsonElement parsed = Tools.Mermaid(MermaidWriter.Write(g));
        Assert.That(parsed.GetProperty("type").GetString(), Is.EqualTo("stateDiagram"));
        Dictionary<string, JsonElement> nodes = parsed.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);

        foreach (GraphNode n in g.Nodes.Where(n => n.Kind != GraphNodeKind.Start))
        {
            Assert.That(nodes, Does.ContainKey(n.Id));
            Assert.That(nodes[n.Id].GetProperty("label").GetString(), Is.EqualTo(n.Title));
            Assert.That(nodes[n.Id].GetProperty("description").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(n.Lines));
            Assert.That(nodes[n.Id].GetProperty("parent").ValueKind == JsonValueKind.Null ? null : nodes[n.Id].GetProperty("parent").GetString(), Is.EqualTo(n.Cluster));
        }

        foreach (GraphCluster c in g.Clusters)
        {
            Assert.That(nodes[c.Id].GetProperty("label").GetString(), Is.EqualTo(c.Title));
        }

        // Every edge, and no other: a label that ended early or began a statement would show here.
        var edges = parsed.GetProperty("edges").EnumerateArray()
            .Where(e => !e.GetProperty("to").GetString()!.Contains("----note", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("from").GetString(), e.GetProperty("to").GetString(), e.GetProperty("label").GetString()));
        var drawn = g.Edges.Select(e => (e.Kind == GraphEdgeKind.Start ? "root_start" : e.From, e.To, e.Label));
        Assert.That(edges, Is.EqualTo(drawn));

        string note = nodes.Values.Single(n => n.GetProperty("shape").GetString() == "note").GetProperty("label").GetString()!;
        Assert.That(note.Split('\n').Select(l => l.Trim()), Is.EqualTo(g.DeathNote()));
        Assert.That(nodes.Values.Count(n => n.GetProperty("shape").GetString() is "rect" or "rectWithTitle"), Is.EqualTo(g.Nodes.Count(n => n.Kind != GraphNodeKind.Start)), "no extra states");
    }

    [Test]
    public void MermaidEscapeLeavesOnlyHarmlessCharacters()
    {
        string escaped = MermaidText.Escape("a\"b:c;d#e%f<g>h{i}j|k\\l*m_n`o[p]q&r\ns direction TB end note");
        Assert.That(escaped, Does.Match(@"^[A-Za-z0-9 .,/()'\-=+!?@$^#;]*$"));
        Assert.That(escaped, Does.Not.Contain("\"").And.Not.Contain(":").And.Not.Contain("%"));
        Assert.That(escaped, Does.Contain("direction#32;TB").And.Contain("end#32;note"));
        Assert.That(escaped, Does.StartWith("a#34;b#58;c#59;d#35;e#37;f#60;g#62;h#123;i#125;j#124;k#92;l#42;m#95;n"));
    }

    [Test]
    public void DotEscapesBackslashesQuotesAndRecordStructure()
    {
        Assert.That(DotText.Quoted("a\"b\\N{c}|<d>"), Is.EqualTo("a\\\"b\\\\N{c}|<d>"));
        Assert.That(DotText.RecordField("a\"b\\N{c}|<d>  e"), Is.EqualTo("a\\\"b\\\\N\\{c\\}\\|\\<d\\> \\ e"));
        Assert.That(DotText.Quoted("line\nbreak"), Is.EqualTo("line\\\\nbreak"), "a newline is shown as \\n, never a line break");
    }
}
