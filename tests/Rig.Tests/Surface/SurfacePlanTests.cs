using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Surface;

/// <summary>The five surface plans on each live personality: every verdict the catalog expects happens.</summary>
public class SurfacePlanTests
{
    private static readonly string[] Plans = ["SURF-01", "SURF-02", "BOOT-01", "LOG-01", "RES-04"];

    [Test]
    public async Task TheVulnerableCameraFailsAllFive()
    {
        using var bench = new LiveBench();
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync("vcam-vulnerable", "127.0.0.61", 0.2, Plans);
        var by = outcomes.ToDictionary(o => o.Plan.Id);
        Assert.Multiple(() =>
        {
            foreach (PlanOutcome o in outcomes)
            {
                Assert.That(o.Verdict, Is.EqualTo(Verdict.Fail), $"{o.Plan.Id}: {o.Reason} (path {string.Join(" -> ", o.Path)})");
            }

            Assert.That(by["SURF-01"].Reason, Does.Contain("5555/tcp").And.Contain("7547/tcp").And.Not.Contain("2323/tcp"), "telnet on 2323 is declared");
            Assert.That(by["SURF-01"].Reason, Does.Contain("CNXN"), "the ADB banner is named");
            Assert.That(by["SURF-02"].Reason, Does.Contain("5555/tcp").And.Contain("7547/tcp"));
            Assert.That(by["SURF-02"].Reason, Does.Contain("declared and open: 2323/tcp (telnet)"));
            Assert.That(by["BOOT-01"].Reason, Does.Contain("U-Boot prompt").And.Contain("bootargs=console=ttyS0"));
            Assert.That(by["LOG-01"].Reason, Does.Contain("planted canary").And.Contain("private key"));
            Assert.That(by["RES-04"].Reason, Does.Contain("telnet came back").And.Contain("killall telnetd"));
        });

        string psk = File.ReadAllText(Path.Combine(bench.Flash, "wifi-psk")).Trim();
        Assert.That(by["LOG-01"].Reason, Does.Not.Contain(psk), "the verdict redacts the passphrase");
        Assert.That(by["LOG-01"].Transcripts.Select(t => System.Text.Encoding.Latin1.GetString(t.Lines[0].Data)), Has.Some.Contains("wpa_passphrase=" + psk), "the evidence keeps the line");
        Assert.That(by["SURF-01"].Transcripts.Select(t => t.Title), Has.Some.Contains(":5555 open (not declared"));
    }

    [TestCase("vcam-hardened", "127.0.0.62")]
    [TestCase("vcam-partial", "127.0.0.63")]
    public async Task TheHardenedBuildsPassAllFive(string personality, string address)
    {
        using var bench = new LiveBench();
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync(personality, address, 0.2, Plans);
        var by = outcomes.ToDictionary(o => o.Plan.Id);
        Assert.Multiple(() =>
        {
            foreach (PlanOutcome o in outcomes)
            {
                Assert.That(o.Verdict, Is.EqualTo(Verdict.Pass), $"{o.Plan.Id}: {o.Reason} (path {string.Join(" -> ", o.Path)})");
            }

            Assert.That(by["BOOT-01"].Reason, Does.Contain("login or shell prompt"));
            Assert.That(by["RES-04"].Reason, Does.Contain("nothing to mitigate"));
        });
    }
}
