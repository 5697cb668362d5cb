using Rig.Drivers.Power;
using Rig.Tests.Cli;
using Rig.Tests.Support;

namespace Rig.Tests.NetServices;

/// <summary>
/// CRED-02, CRED-03, CRED-04 and AUTH-01 run with the real rig against the three real virtual cameras:
/// each fails where its flaw exists and passes where it does not.
/// </summary>
[NonParallelizable]
public class NetPlanTests
{
    private VirtualBench _bench = null!;

    [OneTimeSetUp]
    public void SetUp() => _bench = new VirtualBench();

    [OneTimeTearDown]
    public void TearDown() => _bench.Dispose();

    [TestCase("CRED-02", "vcam-vulnerable", "FAIL", "accepted root:xc3511 (pair 1 of the SSH default list; the shell was proven by echoing a random nonce; server dropbear_2018.76 offers password)")]
    [TestCase("CRED-02", "vcam-hardened", "PASS", "refused all 18 pairs of the SSH default list (server dropbear_2025.88 offers password)")]
    [TestCase("CRED-02", "vcam-partial", "PASS", "refused all 18 pairs of the SSH default list")]
    [TestCase("CRED-03", "vcam-vulnerable", "FAIL", "accepted admin:admin")]
    [TestCase("CRED-03", "vcam-hardened", "PASS", "refused all")]
    [TestCase("CRED-03", "vcam-partial", "PASS", "refused all")]
    [TestCase("CRED-04", "vcam-vulnerable", "FAIL", "let anonymous in")]
    [TestCase("CRED-04", "vcam-hardened", "PASS", "no FTP service answers")]
    [TestCase("CRED-04", "vcam-partial", "PASS", "no FTP service answers")]
    [TestCase("AUTH-01", "vcam-vulnerable", "FAIL", "no lockout or rate limit")]
    [TestCase("AUTH-01", "vcam-hardened", "PASS", "refused guessing from attempt 6 (403; recovered after the declared period: yes)")]
    [TestCase("AUTH-01", "vcam-partial", "FAIL", "no lockout or rate limit")]
    public void PlanGivesTheExpectedVerdict(string plan, string personality, string verdict, string because)
    {
        string run = Path.Combine(_bench.Path, "runs", $"{plan}-{personality}");
        // The lab's record of the unit: the password on its label (AUTH-01 uses it to see a lockout that answers like a wrong password).
        string unit = Path.Combine(_bench.Path, $"{personality}-unit.yaml");
        File.WriteAllText(unit, $"console_password: {VirtualUnitLabel.ReadPassword(Path.Combine(_bench.StateRoot, personality, "flash"))}\n");
        var (exit, stdout, stderr) = RigProcess.Run(_bench.Path,
        [
            "run", plan, "--slot", personality, "--profile", _bench.ProfileFile(personality),
            "--bench", _bench.BenchFile, "--state-root", _bench.StateRoot, "--out", run, "--unit", unit,
        ]);
        Assert.That(stdout, Does.Contain($"{plan} {verdict}: "), stdout + stderr);
        Assert.That(stdout, Does.Contain(because), stdout);
        if (plan == "AUTH-01" && verdict == "PASS")
        {
            Assert.That(stdout, Does.Contain("the ssh login (").And.Contain("the console login (serial console) refused guessing from attempt 6 (the right password was refused after 5 wrong ones: locked"), "every login the camera exposes is covered");
        }

        if (plan == "AUTH-01")
        {
            Assert.That(File.ReadAllText(Path.Combine(run, "journal.jsonl")), Does.Not.Contain(File.ReadAllText(unit)["console_password: ".Length..].Trim()), "the label password stays out of the journal");
        }
        Assert.That(exit, Is.EqualTo(verdict == "PASS" ? 0 : 1), stderr);
        string journal = File.ReadAllText(Path.Combine(run, "journal.jsonl"));
        if (verdict == "FAIL")
        {
            Assert.That(journal, Does.Contain("\"transcript\""), "a failure names its evidence: a transcript in the journal");
        }
    }

    [Test]
    public void Cred02RefusesAProfileThatPointsAwayFromTheDevice()
    {
        // Plans name no hosts; the profile's address is the only one an action reaches, and it must be the device's.
        string profile = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(_bench.ProfileFile("vcam-vulnerable")), @"(?m)^address: .*$", "address: 127.0.0.1");
        string elsewhere = Path.Combine(_bench.Path, "profiles", "elsewhere.yaml");
        File.WriteAllText(elsewhere, profile);
        var (exit, stdout, stderr) = RigProcess.Run(_bench.Path,
        [
            "run", "CRED-02", "--slot", "vcam-vulnerable", "--profile", elsewhere,
            "--bench", _bench.BenchFile, "--state-root", _bench.StateRoot, "--out", Path.Combine(_bench.Path, "runs", "elsewhere"),
        ]);
        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain("declares the device at 127.0.0.1"));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
    }
}
