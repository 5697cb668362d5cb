using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rig.Reports;
using Rig.Reports.Model;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

/// <summary>The plan diagram and the timeline: well-formed SVG, the run's path marked, hostile labels escaped, size bounded.</summary>
public sealed class PictureTests
{
    private const string Hostile = "<script>alert('x')</script> & \"q\"";

    internal static Diagram SampleDiagram() => new(
        [
            new DiagramNode("start", "", DiagramKinds.Start, true),
            new DiagramNode("s_boot", "boot", DiagramKinds.State, true),
            new DiagramNode("s_sweep", Hostile, DiagramKinds.State, false),
            new DiagramNode("v_fail", "fail: " + Hostile, DiagramKinds.Verdict, true, Verdicts.Fail),
            new DiagramNode("v_pass", "pass", DiagramKinds.Verdict, false, Verdicts.Pass),
        ],
        [
            new DiagramEdge("start", "s_boot", "", true),
            new DiagramEdge("s_boot", "s_sweep", "console '" + Hostile + "'", false),
            new DiagramEdge("s_sweep", "s_boot", "after 5s", false),
            new DiagramEdge("s_boot", "s_boot", "retry", false),
            new DiagramEdge("s_boot", "v_fail", "console '<&\"'", true),
            new DiagramEdge("s_sweep", "v_pass", "after 1s", false),
            new DiagramEdge("s_boot", "nowhere", "dangling", true),
        ]);

    [Test]
    public void TheDiagramIsWellFormedAndMarksThePath()
    {
        (string svg, string? note) = DiagramSvg.Render(SampleDiagram());
        XElement root = XElement.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.That(root.Name, Is.EqualTo(ns + "svg"));
        Assert.That(note, Is.Null);
        string[] nodeClasses = root.Elements(ns + "g").Select(g => (string?)g.Attribute("class") ?? "").Where(c => c.StartsWith("node", StringComparison.Ordinal)).ToArray();
        Assert.That(nodeClasses, Is.EquivalentTo(new[] { "node start visited", "node state visited", "node state", "node verdict fail visited", "node verdict pass" }));
        string[] taken = root.Elements(ns + "g").Where(g => (string?)g.Attribute("class") == "edge taken").Select(g => g.Value).ToArray();
        Assert.That(taken, Has.Length.EqualTo(2), "the start edge and the fail edge; the dangling edge is dropped");
        Assert.That(root.Elements(ns + "g").Count(g => ((string?)g.Attribute("class"))?.StartsWith("edge", StringComparison.Ordinal) == true), Is.EqualTo(6));
    }

    [Test]
    public void HostileLabelsAreEscapedAndCut()
    {
        (string svg, _) = DiagramSvg.Render(SampleDiagram());

        Assert.That(svg, Does.Not.Contain("<script"));
        Assert.That(svg, Does.Contain("&lt;script&gt;alert(&apos;x&apos;)"));
        Assert.That(svg, Does.Contain("&lt;&amp;&quot;"));
        string[] texts = XElement.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToArray();
        Assert.That(texts, Has.Some.Contains("<script>alert('x')"), "the label reads as the device wrote it once parsed");
        Assert.That(texts.Max(t => t.Length), Is.LessThanOrEqualTo(DiagramSvg.MaxEdgeLabel + 2));
    }

    [Test]
    public void AHugeGraphIsCappedWithANote()
    {
        var nodes = Enumerable.Range(0, 500).Select(i => new DiagramNode("n" + i, "state " + i, i == 0 ? DiagramKinds.Start : DiagramKinds.State, false)).ToList();
        var edges = Enumerable.Range(1, 499).Select(i => new DiagramEdge("n" + (i - 1), "n" + i, "next", false)).ToList();

        (string svg, string? note) = DiagramSvg.Render(new Diagram(nodes, edges));

        Assert.That(XElement.Parse(svg).Descendants().Count(e => (string?)e.Attribute("class") is { } c && c.StartsWith("node", StringComparison.Ordinal)), Is.EqualTo(DiagramSvg.MaxNodes));
        Assert.That(note, Does.Contain($"first {DiagramSvg.MaxNodes} of 500 nodes"));
        Assert.That(svg.Length, Is.LessThan(64 * 1024));
    }

    [Test]
    public void TheTimelineShowsSpansPowerConsoleAndAnAxis()
    {
        var timeline = new Timeline(
            20_000_000_000,
            [new PlanSpan("CRED-01", 1_000_000_000, 9_000_000_000, Verdicts.Fail), new PlanSpan(Hostile, 10_000_000_000, 19_000_000_000, "bogus")],
            [new PowerEvent(1_500_000_000, false), new PowerEvent(2_500_000_000, true)],
            Enumerable.Range(0, 100_000).Select(i => new ConsoleActivity(3_000_000_000 + i * 1000L, 64)).Append(new ConsoleActivity(long.MaxValue, 1)).ToList());

        string svg = TimelineSvg.Render(timeline);
        XElement root = XElement.Parse(svg);
        string[] classes = root.Descendants().Select(e => (string?)e.Attribute("class")).OfType<string>().ToArray();

        Assert.That(classes, Does.Contain("span fail").And.Contain("span unknown").And.Contain("power on").And.Contain("power off").And.Contain("console").And.Contain("axis"));
        Assert.That(root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value), Does.Contain("0 s").And.Contain("20 s"));
        Assert.That(svg, Does.Not.Contain("<script"));
        Assert.That(root.Descendants().Single(e => (string?)e.Attribute("class") == "console").Elements().Count(), Is.LessThanOrEqualTo(TimelineSvg.Bins));
    }

    [Test]
    public void TheReportIdOnEveryPageKeepsOnlySafeCharacters()
    {
        Assert.That(DocumentHead.PageRule("RIG-20261121-abc"), Does.Contain("content: \"Report RIG-20261121-abc\""));
        Assert.That(DocumentHead.PageRule("X\"; } body { color: red } </style><script>"), Does.Contain("\"Report XbodycolorredstylescriptPage").Or.Contain("\"Report Xbodycolorredstylescript\""));
        Assert.That(DocumentHead.PageRule("\"';{}"), Is.Null);
    }

    [Test]
    public void TheRenderedReportCarriesThePicturesAndTheChecklist()
    {
        ReportModel model = SampleReports.Ordinary() with
        {
            Customer = "Acme Cameras Ltd",
            ReceivedDate = "2026-11-19",
            Deviations = [new Deviation("LOG-01", DeviationKinds.NotApplicable, "the profile declares no log service")],
            Timeline = new Timeline(60_000_000_000, [new PlanSpan("CRED-01", 0, 30_000_000_000, Verdicts.Fail)], [new PowerEvent(0, true)], []),
        };
        model = model with { Plans = [model.Plans[0] with { Diagram = SampleDiagram() }, model.Plans[1] with { DiagramNote = "No diagram: <b>gone</b>" }] };

        string html = new ReportRenderer().RenderText(model);
        string text = Regex.Replace(html, "<[^>]*>", "");

        foreach (string svg in Regex.Matches(html, "<svg[\\s\\S]*?</svg>").Select(m => m.Value))
        {
            Assert.DoesNotThrow(() => XElement.Parse(svg));
        }

        Assert.That(Regex.Matches(html, "<svg ").Count, Is.EqualTo(2));
        Assert.That(html, Does.Contain("class=\"node state visited\"").And.Contain("class=\"edge taken\""));
        Assert.That(html, Does.Contain("No diagram: &lt;b&gt;gone&lt;/b&gt;"));
        Assert.That(text, Does.Contain("Customer").And.Contain("Acme Cameras Ltd"));
        Assert.That(text, Does.Contain("Test location").And.Contain("1 Bench Street, Testtown; bench bench-1, slot slot-2"));
        Assert.That(text, Does.Contain("Date of receipt").And.Contain("2026-11-19 (as recorded by the laboratory)"));
        Assert.That(text, Does.Contain("Date of issue").And.Contain("Test started"));
        Assert.That(text, Does.Contain("Deviations").And.Contain("the profile declares no log service"));
        Assert.That(text, Does.Contain("The results relate only to the item tested."));
        Assert.That(text, Does.Contain("This report shall not be reproduced except in full without the approval of the laboratory."));
        Assert.That(text, Does.Contain("End of report " + SampleReports.ReportId));
        Assert.That(HtmlScan.Style(html), Does.Contain("@top-right { content: \"Report " + SampleReports.ReportId + "\""));
        Assert.That(html.IndexOf("Statement of conformity", StringComparison.Ordinal) < 0 || html.IndexOf("Statement of conformity", StringComparison.Ordinal) < html.IndexOf("<h2>Laboratory", StringComparison.Ordinal));
    }

    [Test]
    public void WithoutPicturesOrDeviationsTheReportSaysSo()
    {
        string html = new ReportRenderer().RenderText(SampleReports.Ordinary());

        Assert.That(html, Does.Not.Contain("<svg"));
        Assert.That(html, Does.Contain("None: every plan ran as planned."));
        Assert.That(html, Does.Contain("not named by the laboratory"));
        Assert.That(html, Does.Not.Contain("Date of receipt"));
    }

    [Test]
    public void ALabTemplateCannotPrintTheMarkupRaw()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("report.html.hbs"),
            "<!doctype html>\n<html><head>\n{{reportHead}}\n</head><body>{{#each plans}}<p>{{hasDiagram}}</p>{{planDiagram}}{{/each}}</body></html>\n");
        ReportModel model = SampleReports.Ordinary();
        model = model with { Plans = [model.Plans[0] with { Diagram = SampleDiagram() }] };

        string html = new ReportRenderer(new RenderOptions(dir.Path)).RenderText(model);

        Assert.That(html, Does.Contain("<p>True</p><svg class=\"diagram\""));
        Assert.That(Assert.Throws<ReportTemplateException>(() => new ReportRenderer(new RenderOptions(WriteTemplate(dir, "{{diagramMarkup}}"))).RenderText(model))!.Message, Does.Contain("diagramMarkup"));
    }

    private static string WriteTemplate(TempDir dir, string body)
    {
        string sub = Directory.CreateDirectory(dir.File("t2")).FullName;
        File.WriteAllText(Path.Combine(sub, "report.html.hbs"), "<!doctype html>\n<html><head>\n{{reportHead}}\n</head><body>{{#each plans}}" + body + "{{/each}}</body></html>\n");
        return sub;
    }
}
