using Rig.Reports.Model;

namespace Rig.Reports.Rendering;

/// <summary>
/// A report model with every part filled in (plans, evidence with hostile device bytes, scheme,
/// deviations, timeline, diagram): what a lab's template is rehearsed with before a run.
/// </summary>
internal static class SampleReport
{
    public static ReportModel Model()
    {
        DateTimeOffset at = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        byte[] hostile = "login: <script>alert(1)</script>\u001b]52;c;cGF5bG9hZA==\u0007\u001b[2K\rPASS \u202e\n"u8.ToArray();
        var evidence = new Evidence("console", EvidenceKinds.Console, [new EvidenceLine(1_000_000, "rx", hostile), new EvidenceLine(2_000_000, "tx", "root\n"u8.ToArray())]);
        var diagram = new Diagram(
            [new DiagramNode("start", "start", DiagramKinds.Start, true), new DiagramNode("boot", "boot", DiagramKinds.State, true), new DiagramNode("pass", "pass", DiagramKinds.Verdict, true, "pass")],
            [new DiagramEdge("start", "boot", "", true), new DiagramEdge("boot", "pass", "console 'login:'", true)]);
        var plan = new PlanResult("SAMPLE-01", "Sample plan <b>", "plans/SAMPLE-01.yaml", new string('0', 64), ["EN 303 645 5.1-1"], Verdicts.Pass, "the device showed a prompt",
            ["boot", "pass"], [new InputFile("wordlists/sample.txt", new string('1', 64))], [evidence], diagram);
        var conformity = new ConformityStatement("sample-scheme", "1", "EN 303 645", "every plan passes", [new ProvisionOutcome("5.1-1", "No universal default passwords", "conforms", "SAMPLE-01")], "conforms");
        var timeline = new Timeline(3_000_000_000, [new PlanSpan("SAMPLE-01", 0, 2_000_000_000, Verdicts.Pass)], [new PowerEvent(0, true)], [new ConsoleActivity(1_000_000, 40)]);
        return new ReportModel(
            "RIG-SAMPLE-0001", "Sample report", at, "0.0.0-sample", new Lab("Sample lab", "Sample street 1", "ACC-1"),
            new DeviceUnderTest("Maker", "Model", "sample", new string('2', 64), "127.0.0.9", "1.0.0", "SN1", "rev A", "02:00:00:00:00:01", "image.img", new string('3', 64)),
            new BenchSetup("bench", new string('4', 64), "slot-1", "sim", "/dev/ttyX", "115200 8N1"),
            at, at.AddMinutes(1), Verdicts.Pass, [plan], new SignerIdentity("Sample signer", new string('5', 64)), conformity, "Customer", "2026-01-01",
            [new Deviation("SAMPLE-02", DeviationKinds.NotApplicable, "no update method declared")], timeline);
    }
}
