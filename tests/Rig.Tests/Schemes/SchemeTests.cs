using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Engine.Schemes;
using Rig.Tests.Cli;

namespace Rig.Tests.Schemes;

public class SchemeTests
{
    private const string Scheme = """
        scheme: test-scheme
        title: Test scheme
        version: "1"
        standard: EN 303 645 V2.1.1
        decision_rule: any failing plan fails its provision
        provisions:
          - id: "5.1-1"
            title: No universal default passwords
            plans: [CRED-01]
          - id: "5.6-4"
            title: Debug interface disabled
            plans: [UART-01]
        not_applicable:
          - plans: [CRED-01]
            when: constrained
            because: the profile declares a constrained device without network logins
        """;

    private static Scheme Load(TempDir dir, string yaml) =>
        SchemeLoader.Load(dir.Write("scheme.yaml", yaml), id => id is "CRED-01" or "UART-01", "scheme.yaml");

    [Test]
    public void TheShippedBaselineLoadsWithEveryPlanItNeedsInItsRunOrder()
    {
        string file = Path.Combine(TestPaths.TestPlans, "schemes", "etsi-en-303-645-baseline.yaml");
        Scheme scheme = SchemeLoader.Load(file, id => File.Exists(TestPaths.Plan(id)));
        Assert.That(scheme.Plans, Has.Count.EqualTo(17));
        Assert.That(scheme.Plans[^1], Is.EqualTo("UPD-05"), "the plan that can brick a device runs last");
        foreach (string id in scheme.Plans)
        {
            Assert.That(() => PlanLoader.Load(TestPaths.Plan(id)), Throws.Nothing, id);
        }
    }

    [Test]
    public void ARunOrderMustNameEveryPlanOnce()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, Scheme.Replace("provisions:", "run_order: [UART-01]\nprovisions:", StringComparison.Ordinal)))!;
        Assert.That(e.Reason, Is.EqualTo("run_order leaves out 'CRED-01', which a provision needs"));
    }

    [Test]
    public void ASchemeNamesItsPlansInProvisionOrder()
    {
        using var dir = new TempDir();
        Scheme scheme = Load(dir, Scheme);
        Assert.That(scheme.Plans, Is.EqualTo(new[] { "CRED-01", "UART-01" }));
        Assert.That(scheme.Sha256, Has.Length.EqualTo(64));
    }

    [TestCase("plans: [CRED-01]", "plans: [CRED-09]", 9, 12, "no plan 'CRED-09'")]
    [TestCase("when: constrained", "when: sunny", 15, 11, "unknown condition 'sunny'")]
    [TestCase("    plans: [UART-01]\n", "    plans: []\n", 10, 5, "a provision needs the plans that decide it")]
    public void MistakesNameFileLineAndColumn(string from, string to, int line, int column, string message)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, Scheme.Replace(from, to, StringComparison.Ordinal)))!;
        Assert.That(e.Message, Does.StartWith($"scheme.yaml:{line}:{column}: "));
        Assert.That(e.Reason, Does.Contain(message));
    }

    [TestCase(Verdict.Pass, Verdict.Pass, "met", "met", "conforms")]
    [TestCase(Verdict.Fail, Verdict.Pass, "not met", "met", "does not conform")]
    [TestCase(Verdict.Pass, Verdict.Inconclusive, "met", "inconclusive", "inconclusive")]
    [TestCase(Verdict.Error, Verdict.Fail, "inconclusive", "not met", "does not conform")]
    [TestCase(Verdict.NotApplicable, Verdict.Pass, "not applicable", "met", "conforms")]
    public void TheDecisionRule(Verdict cred, Verdict uart, string credOutcome, string uartOutcome, string overall)
    {
        using var dir = new TempDir();
        SchemeResult result = SchemeEvaluator.Evaluate(Load(dir, Scheme), new Dictionary<string, Verdict> { ["CRED-01"] = cred, ["UART-01"] = uart });
        Assert.That(result.Provisions.Select(p => p.Outcome), Is.EqualTo(new[] { credOutcome, uartOutcome }));
        Assert.That(result.Overall, Is.EqualTo(overall));
    }

    [Test]
    public void CertifyWithASchemeGivesAVerdictPerProvisionAndSkipsWhatDoesNotApply()
    {
        using var dir = new TempDir();
        string scheme = dir.Write("scheme.yaml", Scheme);
        string bench = dir.Write("bench.yaml", """
            bench: fast
            slots:
              cam:
                power: { backend: sim, personality: vcam-vulnerable, address: 127.0.0.2, telnet_port: 32325, state: cam/flash, boot_scale: 0.05 }
                console: { path: cam/console }
                cycle_off: 100ms
            """);
        string profile = dir.WriteProfile("profile.yaml", TestPaths.ProfileText("vcam-vulnerable") + "constrained: true\n");
        RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);

        var (exit, stdout, stderr) = RigProcess.Run(dir.Path, "certify", "--bench", bench, "--state-root", dir["state"], "--slot", "cam", "--profile", profile, "--scheme", scheme, "--key", dir["k.pem"], "--out", dir["out"]);

        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stdout, Does.Contain("CRED-01  NOT-APPLICABLE the profile declares a constrained device"));
        Assert.That(stdout, Does.Contain("Test scheme: DOES NOT CONFORM"));
        Assert.That(stdout, Does.Match(@"5\.1-1\s+NOT APPLICABLE\s+No universal default passwords"));
        Assert.That(stdout, Does.Match(@"5\.6-4\s+NOT MET\s+Debug interface disabled"));
        string html = File.ReadAllText(Path.Combine(dir["out"], "report.html"));
        Assert.That(html, Does.Contain("Statement of conformity").And.Contain("DOES NOT CONFORM").And.Contain("any failing plan fails its provision"));
        string journal = File.ReadAllText(Path.Combine(dir["out"], "journal.jsonl"));
        Assert.That(journal, Does.Contain("\"ev\":\"scheme-result\"").And.Contain("\"not_applicable\":true"));
        Assert.That(journal, Does.Not.Contain("\"plan\":\"CRED-01\",\"file\""), "a plan that does not apply is not run");
    }
}
