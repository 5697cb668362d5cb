using System.Text;
using System.Xml.Linq;
using Rig.Reports.Attestation;
using Rig.Reports.Model;
using Rig.Tests.Reports;

namespace Rig.Tests.Attestation;

public class JUnitTests
{
    private static readonly AttestationSubject[] Files = [new("report.html", new string('1', 64)), new("console.raw", new string('2', 64))];

    private static ReportModel EveryVerdict()
    {
        ReportModel m = SampleReports.Ordinary();
        PlanResult p = m.Plans[1];
        return m with
        {
            Plans =
            [
                m.Plans[0],
                p with { Id = "PASS-1" },
                p with { Id = "INC-1", Verdict = Verdicts.Inconclusive, Reason = "no prompt seen" },
                p with { Id = "NA-1", Verdict = Verdicts.NotApplicable, Reason = "no telnet declared" },
                p with { Id = "ERR-1", Verdict = Verdicts.Error, Reason = "relay did not switch" },
                p with { Id = "HOSTILE", Verdict = Verdicts.Fail, Reason = "banner \0\u001b[31m<x>&\"\uD800" },
            ],
        };
    }

    [Test]
    public void OneTestCasePerPlanWithTheOutcomeCiSystemsRead()
    {
        XDocument xml = XDocument.Parse(Encoding.UTF8.GetString(JUnitReport.Build(EveryVerdict(), Files)));
        XElement suite = xml.Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value.Split(':')[0]);

        Assert.That(cases.Keys, Is.EqualTo(new[] { "CRED-01", "PASS-1", "INC-1", "NA-1", "ERR-1", "HOSTILE" }));
        Assert.That(cases["CRED-01"].Element("failure")!.Attribute("type")!.Value, Is.EqualTo("fail"));
        Assert.That(cases["CRED-01"].Element("failure")!.Attribute("message")!.Value, Is.EqualTo("telnet accepted root:xc3511"));
        Assert.That(cases["PASS-1"].Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "properties" }));
        Assert.That(cases["INC-1"].Element("failure")!.Attribute("type")!.Value, Is.EqualTo("inconclusive"));
        Assert.That(cases["NA-1"].Element("skipped")!.Attribute("message")!.Value, Is.EqualTo("not applicable: no telnet declared"));
        Assert.That(cases["ERR-1"].Element("error")!.Attribute("message")!.Value, Is.EqualTo("relay did not switch"));
        foreach (XElement e in new[] { xml.Root!, suite })
        {
            Assert.That(new[] { "tests", "failures", "errors", "skipped", "time" }.Select(a => e.Attribute(a)!.Value),
                Is.EqualTo(new[] { "6", "3", "1", "1", "2527" }));
        }
    }

    [Test]
    public void ProvisionsAndDigestsAreProperties()
    {
        XDocument xml = XDocument.Parse(Encoding.UTF8.GetString(JUnitReport.Build(SampleReports.Ordinary(), Files)));
        XElement suite = xml.Root!.Element("testsuite")!;
        Dictionary<string, string> Props(XElement e) =>
            e.Element("properties")!.Elements("property").GroupBy(p => p.Attribute("name")!.Value)
                .ToDictionary(g => g.Key, g => string.Join("|", g.Select(p => p.Attribute("value")!.Value)));

        Assert.That(Props(suite)["file.sha256:console.raw"], Is.EqualTo(new string('2', 64)));
        Assert.That(Props(suite)["report.id"], Is.EqualTo(SampleReports.ReportId));
        Dictionary<string, string> cred = Props(suite.Element("testcase")!);
        Assert.That(cred["provision"], Is.EqualTo("EN 303 645 5.1-1|EN 303 645 5.6-1"));
        Assert.That(cred["plan.sha256"], Is.EqualTo(new string('c', 64)));
        Assert.That(cred["input.sha256:wordlists/mirai.txt"], Is.EqualTo(new string('d', 64)));
    }

    [Test]
    public void HostileTextGivesWellFormedDeterministicXml()
    {
        byte[] once = JUnitReport.Build(EveryVerdict(), Files);

        Assert.That(JUnitReport.Build(EveryVerdict(), Files), Is.EqualTo(once));
        Assert.That(once[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
        string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(once);
        Assert.That(text, Does.Not.Contain("\r").And.Not.Contain("\u001b").And.Not.Contain("\0"));
        XElement hostile = XDocument.Parse(text).Descendants("testcase").Single(c => c.Attribute("name")!.Value.StartsWith("HOSTILE", StringComparison.Ordinal));
        Assert.That(hostile.Element("failure")!.Value, Does.Contain("<x>&\""), "markup is kept as text, escaped by XML");
    }
}
