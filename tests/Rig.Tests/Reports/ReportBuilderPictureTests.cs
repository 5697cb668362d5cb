using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rig.Engine.Reporting;
using Rig.Reports.Model;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

/// <summary>A run folder's journal and plan files turned into the report's pictures, deviations and checklist fields.</summary>
public sealed class ReportBuilderPictureTests
{
    // A plan whose console pattern and reason carry markup, ampersands and both quotes.
    private const string HostilePlan = """
        plan: HOST-01
        title: Hostile labels
        version: "1"
        provisions: [X 1]
        needs: [console]
        initial: wait
        states:
          wait:
            on:
              - console: '<script>&"x'''
                verdict: fail
                because: 'saw <b>&"it</b>'
              - after: 5s
                goto: done
          done:
            on:
              - after: 1s
                verdict: pass
                because: quiet
        """;

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Line(object e) => JsonSerializer.Serialize(e);

    private static ReportModel BuildRun(TempDir dir, bool alterPlan)
    {
        string plans = Directory.CreateDirectory(dir.File("root/plans")).FullName;
        byte[] planBytes = Encoding.UTF8.GetBytes(HostilePlan);
        File.WriteAllBytes(Path.Combine(plans, "HOST-01.yaml"), alterPlan ? [.. planBytes, (byte)'\n'] : planBytes);
        string run = Directory.CreateDirectory(dir.File("run")).FullName;
        byte[] console = Encoding.ASCII.GetBytes("boot\r\n<script>&\"x'\r\n");
        File.WriteAllBytes(Path.Combine(run, "console.raw"), console);
        const long T0 = 1_000_000_000_000;
        string[] journal =
        [
            Line(new Dictionary<string, object?>
            {
                ["ev"] = "run-start", ["mono_ns"] = T0, ["utc"] = "2026-11-21T10:00:00Z", ["rig_version"] = "0.1.0",
                ["lab"] = new { name = "Example Test Lab", address = "1 Bench Street", accreditation = (string?)null, signer = "A. Tester", customer = "Acme Cameras Ltd", received = "2026-11-19" },
                ["bench"] = new { name = "bench-1", file = "bench.yaml", sha256 = new string('b', 64), slot = "slot-1", power = "sim", console = "/dev/pts/9", console_settings = "115200 8N1" },
                ["profile"] = new { name = "cam", file = "cam.yaml", sha256 = new string('a', 64), manufacturer = "Acme", model = "Cam", firmware_version = "1.0", address = "127.0.0.2" },
                ["plans"] = new object[]
                {
                    new { id = "HOST-01", title = "Hostile labels", file = "plans/HOST-01.yaml", sha256 = Sha(planBytes), provisions = new[] { "X 1" }, inputs = Array.Empty<object>() },
                    new { id = "LOG-01", title = "Logs", file = "plans/LOG-01.yaml", sha256 = new string('0', 64), provisions = new[] { "X 2" }, inputs = Array.Empty<object>() },
                    new { id = "UPD-01", title = "Update", file = "plans/UPD-01.yaml", sha256 = new string('1', 64), provisions = new[] { "X 3" }, inputs = Array.Empty<object>() },
                },
            }),
            Line(new { ev = "plan-start", mono_ns = T0 + 1_000_000_000, plan = "HOST-01" }),
            Line(new { ev = "power", mono_ns = T0 + 1_100_000_000, plan = "HOST-01", state = "on" }),
            Line(new { ev = "state", mono_ns = T0 + 1_200_000_000, plan = "HOST-01", state = "wait" }),
            Line(new { ev = "console", mono_ns = T0 + 2_000_000_000, off = 0, len = console.Length }),
            Line(new { ev = "verdict", mono_ns = T0 + 3_000_000_000, plan = "HOST-01", verdict = "fail", reason = "saw <b>&\"it</b>", path = new[] { "wait" }, rig_fault = false }),
            Line(new { ev = "power", mono_ns = T0 + 3_100_000_000, plan = "HOST-01", state = "off" }),
            Line(new { ev = "verdict", mono_ns = T0 + 3_200_000_000, plan = "LOG-01", verdict = "not-applicable", reason = "the profile declares no log service", rig_fault = false, not_applicable = true }),
            Line(new { ev = "verdict", mono_ns = T0 + 3_300_000_000, plan = "UPD-01", verdict = "error", reason = "skipped: the slot broke in HOST-01", rig_fault = true, skipped = true }),
            Line(new { ev = "run-end", mono_ns = T0 + 4_000_000_000 }),
        ];
        File.WriteAllLines(Path.Combine(run, "journal.jsonl"), journal);
        return ReportBuilder.Build(run, new SignerIdentity("A. Tester", new string('f', 64)), new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), [dir.File("root")]);
    }

    [Test]
    public void ThePlanIsDrawnWithThePathTheRunTook()
    {
        using var dir = new TempDir();
        ReportModel model = BuildRun(dir, alterPlan: false);
        string html = new ReportRenderer().RenderText(model);

        Diagram diagram = model.Plans[0].Diagram!;
        Assert.That(diagram, Is.Not.Null, model.Plans[0].DiagramNote);
        Assert.That(diagram.Nodes.Where(n => n.Visited).Select(n => n.Label), Has.Some.EqualTo("wait"));
        Assert.That(diagram.Edges.Count(e => e.Taken), Is.GreaterThanOrEqualTo(2));
        string[] svgs = Regex.Matches(html, "<svg[\\s\\S]*?</svg>").Select(m => m.Value).ToArray();
        Assert.That(svgs, Has.Length.EqualTo(2), "the timeline and one plan diagram");
        foreach (string svg in svgs)
        {
            Assert.DoesNotThrow(() => XElement.Parse(svg));
            Assert.That(svg, Does.Not.Contain("<script").And.Not.Contain("<b>"));
        }

        Assert.That(svgs[1], Does.Contain("node state visited").And.Contain("edge taken").And.Contain("node verdict fail visited"));
        Assert.That(svgs[1], Does.Contain("&lt;script&gt;&amp;&quot;x"));
        Assert.That(svgs[0], Does.Contain("span fail").And.Contain("power on").And.Contain("power off"));
        Assert.That(html, Does.Contain("No diagram: the plan file plans/LOG-01.yaml was not found"));
    }

    [Test]
    public void APlanFileThatChangedIsNotDrawn()
    {
        using var dir = new TempDir();
        ReportModel model = BuildRun(dir, alterPlan: true);

        Assert.That(model.Plans[0].Diagram, Is.Null);
        Assert.That(model.Plans[0].DiagramNote, Does.Contain("is not the one that ran"));
        Assert.That(new ReportRenderer().RenderText(model), Does.Contain("is not the one that ran"));
    }

    [Test]
    public void DeviationsAndChecklistFieldsComeFromTheJournal()
    {
        using var dir = new TempDir();
        ReportModel model = BuildRun(dir, alterPlan: false);
        string text = Regex.Replace(new ReportRenderer().RenderText(model), "<[^>]*>", "");

        Assert.That(model.Deviations!.Select(d => (d.PlanId, d.Kind)), Is.EqualTo(new[] { ("LOG-01", DeviationKinds.NotApplicable), ("UPD-01", DeviationKinds.Skipped) }));
        Assert.That(text, Does.Contain("Acme Cameras Ltd").And.Contain("2026-11-19 (as recorded by the laboratory)"));
        Assert.That(text, Does.Contain("1 Bench Street; bench bench-1, slot slot-1"));
        Assert.That(text, Does.Contain("the profile declares no log service").And.Contain("skipped: the slot broke in HOST-01"));
        Assert.That(model.Timeline!.DurationNs, Is.EqualTo(4_000_000_000));
        Assert.That(model.Timeline.Console.Single().OffsetNs, Is.EqualTo(2_000_000_000));
    }
}
