using System.Text.Json;
using Rig.Engine.Journal;
using Rig.Tests.Cli;
using Rig.Tests.Support;

namespace Rig.Tests.Certificates;

/// <summary>
/// <c>rig certify --scheme S --ladder L</c> runs the plans of both, each once: a plan only the ladder
/// needs (FW-02) runs too, and its findings light the certificate at issue. On the real virtual
/// cameras: the current build climbs to the top with a green light that says what it was matched
/// against; the dated build stops below FW-02's level and its certificate shows the amber light
/// with the ids.
/// </summary>
[NonParallelizable]
public class LadderCertifyTests
{
    private const string Scheme = """
        scheme: console-only
        title: Console only
        version: "1"
        standard: test standard
        decision_rule: any failing plan fails its provision
        provisions:
          - { id: "c.1", title: the console asks for a login, plans: [UART-01] }
        """;

    private const string Ladder = """
        scheme: two-levels
        title: Two levels
        version: "1"
        standard: test standard
        decision_rule: levels in order
        validity:
          short_months: 6
          update_plans: [UPD-01]
        levels:
          - id: CONSOLE
            title: The console
            standard: test standard
            max_validity_months: 24
            decision_rule: UART-01 passes
            provisions:
              - { id: "c.1", title: the console asks for a login, plans: [UART-01] }
          - id: KNOWN
            title: No known vulnerability
            standard: test standard
            max_validity_months: 24
            decision_rule: FW-02 passes
            provisions:
              - { id: "k.1", title: no component with a known vulnerability, plans: [FW-02] }
        """;

    private VirtualBench _bench = null!;
    private TempDir _dir = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _bench = new VirtualBench();
        _dir = new TempDir();
        _dir.Write("scheme.yaml", Scheme);
        _dir.Write("ladder.yaml", Ladder);
        var (made, _, err) = RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir["k.pem"], "--public", _dir["p.pem"]);
        Assert.That(made, Is.Zero, err);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _bench.Dispose();
        _dir.Dispose();
    }

    [TestCase("vcam-hardened", "KNOWN", "valid", "none affected")]
    [TestCase("vcam-partial", "CONSOLE", "warning", "CVE-2021-22555")]
    public void TheLaddersOwnPlanRunsAndLightsTheCertificate(string personality, string level, string light, string basis)
    {
        string run = _dir[$"out-{personality}"];
        var (exit, stdout, stderr) = RigProcess.Run(_dir.Path,
        [
            "certify", "--bench", _bench.BenchFile, "--state-root", _bench.StateRoot, "--slot", personality, "--profile", _bench.ProfileFile(personality),
            "--scheme", _dir["scheme.yaml"], "--ladder", _dir["ladder.yaml"], "--key", _dir["k.pem"], "--out", run,
        ]);
        Assert.That(exit, Is.EqualTo(light == "valid" ? 0 : 1), stdout + stderr); // a failed plan, FW-02 included, is exit 1
        Assert.That(stdout, Does.Contain("Console only: CONFORMS"), "the scheme is decided by its own plans; FW-02 decides only the ladder");

        RunJournal journal = JournalReader.Read(run);
        Assert.That(journal.Events.OfType<PlanStartEvent>().Select(p => p.Plan), Is.EqualTo(new[] { "UART-01", "FW-02" }), "each plan once: the scheme's, then the one only the ladder needs");
        Assert.That(journal.LadderResult?.Level, Is.EqualTo(level), stdout);

        using JsonDocument certificate = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "certificate.json")));
        JsonElement status = certificate.RootElement.GetProperty("status");
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo(light));
        Assert.That(status.GetRawText(), Does.Contain(basis));
        Assert.That(File.ReadAllText(Path.Combine(run, "label.svg")), Does.Contain(light == "valid" ? "valid" : "warning").IgnoreCase);

        var (verified, vout, _) = RigProcess.Run(_dir.Path, "verify", run, "--key", _dir["p.pem"]);
        Assert.That(verified, Is.Zero, vout);
    }
}
