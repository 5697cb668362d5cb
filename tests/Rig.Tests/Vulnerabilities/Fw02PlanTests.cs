using System.Text.Json;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Cli;
using Rig.Tests.Support;

namespace Rig.Tests.Vulnerabilities;

/// <summary>
/// FW-02 with the real rig against the three real virtual cameras: the old builds fail naming real
/// CVEs of the shipped sample with their severity, fixed version and the line each component was
/// seen in; the current build passes; the SBOM and findings are signed subjects of the report. A
/// device that shows no version is inconclusive, never a pass.
/// </summary>
[NonParallelizable]
public class Fw02PlanTests
{
    private VirtualBench _bench = null!;
    private TempDir _keys = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _bench = new VirtualBench();
        _keys = new TempDir();
        var (made, _, err) = RigProcess.Run(_keys.Path, "keys", "new", "--private", _keys["k.pem"], "--public", _keys["p.pem"]);
        Assert.That(made, Is.Zero, err);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _bench.Dispose();
        _keys.Dispose();
    }

    [TestCase("vcam-vulnerable", "FAIL",
        new[] { "CVE-2019-5747 HIGH (CVSS 7.5) in busybox 1.29.3, fixed 1.30.1, seen at console.raw byte ", "CVE-2019-11477 HIGH (CVSS 7.5) in linux 4.9.84, fixed 4.9.182",
                "CVE-2018-15599 MEDIUM (CVSS 5.3) in dropbear 2018.76, fixed none known (last affected 2018.76), seen at ssh ", "CVE-2018-19052 HIGH (CVSS 7.5) in lighttpd 1.4.45, fixed 1.4.50, seen at http " },
        new[] { "CVE-2016-5195", "CVE-2022-0847", "CVE-2022-22707", "CVE-2017-9078", "CVE-2018-1000517" })]
    [TestCase("vcam-partial", "FAIL",
        new[] { "CVE-2021-22555 HIGH (CVSS 7.8) in linux 4.14.180, fixed 4.14.231", "CVE-2021-36369 HIGH (CVSS 7.5) in dropbear 2020.81, fixed 2022.82", "CVE-2022-22707 MEDIUM (CVSS 5.9) in lighttpd 1.4.59, fixed 1.4.64" },
        new[] { "CVE-2019-11477", "CVE-2019-5747", "CVE-2018-15599", "CVE-2018-19052" })]
    [TestCase("vcam-hardened", "PASS",
        new[] { "no record of testplans/vulndb/sample affects the components seen: linux 6.6.63, busybox 1.37.0, dropbear 2025.88, lighttpd 1.4.76" },
        new string[0])]
    public void Fw02NamesTheKnownVulnerabilitiesOfWhatTheCameraShows(string personality, string verdict, string[] named, string[] notNamed)
    {
        string run = Path.Combine(_bench.Path, "runs", $"FW-02-{personality}");
        var (exit, stdout, stderr) = RigProcess.Run(_bench.Path,
        [
            "run", "FW-02", "--slot", personality, "--profile", _bench.ProfileFile(personality),
            "--bench", _bench.BenchFile, "--state-root", _bench.StateRoot, "--out", run, "--key", _keys["k.pem"],
        ]);
        Assert.That(stdout, Does.Contain($"FW-02 {verdict}: "), stdout + stderr);
        Assert.That(exit, Is.EqualTo(verdict == "PASS" ? 0 : 1), stderr);
        string line = stdout.Split('\n').Single(l => l.StartsWith("FW-02 ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            foreach (string n in named)
            {
                Assert.That(line, Does.Contain(n));
            }

            foreach (string n in notNamed)
            {
                Assert.That(line, Does.Not.Contain(n + " "), "outside its ranges");
            }
        });

        // The warning light's inputs: written beside the report, and signed with it.
        using JsonDocument findings = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "vulnerabilities.json")));
        JsonElement[] vulns = [.. findings.RootElement.GetProperty("vulnerabilities").EnumerateArray()];
        Assert.That(vulns.Length == 0, Is.EqualTo(verdict == "PASS"));
        Assert.That(findings.RootElement.GetProperty("database").GetProperty("sha256").GetString(), Has.Length.EqualTo(64));
        foreach (JsonElement v in vulns)
        {
            Assert.That(v.GetProperty("evidence")[0].GetString(), Does.Match(@"^(console\.raw byte \d+|ssh \S+ identification line|http \S+ Server header): "));
            Assert.That(v.GetProperty("fixed").GetString(), Is.Not.Empty);
        }

        using JsonDocument sbom = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "sbom.cdx.json")));
        Assert.That(sbom.RootElement.GetProperty("components").GetArrayLength(), Is.EqualTo(4), "kernel, BusyBox, Dropbear, lighttpd");
        string journal = File.ReadAllText(Path.Combine(run, "journal.jsonl"));
        Assert.That(journal, Does.Contain("\"ev\":\"inventory\""));

        var (verified, vout, _) = RigProcess.Run(_bench.Path, "verify", run, "--key", _keys["p.pem"]);
        Assert.That(verified, Is.Zero, vout);
        Assert.That(vout, Does.Contain("ok    subject sbom.cdx.json").And.Contain("ok    subject vulnerabilities.json"));
    }

    [Test]
    public async Task ADeviceThatShowsNoVersionIsInconclusive()
    {
        // The hardened camera's recorded boot without its kernel line, and a profile that declares no network service.
        string profile = Profile(declareServices: false);
        IReadOnlyList<PlanOutcome> outcomes = await RunReplayAsync(profile, l => !l.Contains("Linux version", StringComparison.Ordinal) ? l : null);
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Inconclusive), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Is.EqualTo("no component could be identified from the console or the declared services"));
    }

    [Test]
    public async Task AConsoleWithOnlyCurrentVersionsPassesWhenNoServiceIsDeclared()
    {
        IReadOnlyList<PlanOutcome> outcomes = await RunReplayAsync(Profile(declareServices: false), l => l.Replace("Linux version 3.10.14", "Linux version 6.6.63", StringComparison.Ordinal));
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Pass), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Does.EndWith("affects the components seen: linux 6.6.63"));
    }

    [Test]
    public async Task ADeclaredServiceThatSaysNothingIsNoPass()
    {
        // Nothing listens at the profile's address: the versions behind its declared SSH and web services are unknown.
        IReadOnlyList<PlanOutcome> outcomes = await RunReplayAsync(Profile(declareServices: true), l => l.Replace("Linux version 3.10.14", "Linux version 6.6.63", StringComparison.Ordinal));
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Inconclusive), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Is.EqualTo($"the declared ssh service on {_silentAddress}:2222 did not answer: the software behind it is not inventoried"));
    }

    [Test]
    public async Task VulnerabilitiesSeenOnTheConsoleStandWhateverTheServicesSay()
    {
        IReadOnlyList<PlanOutcome> outcomes = await RunReplayAsync(Profile(declareServices: true), l => l);
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Fail), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Does.Contain("CVE-2016-5195 HIGH (CVSS 7.8) in linux 3.10.14, fixed 4.4.26, seen at console.raw byte "));
    }

    private TempDir _replay = null!;

    /// <summary>Where nothing listens: a random 127.x.y.77, since other test runs on this machine start devices on fixed loopback addresses.</summary>
    private readonly string _silentAddress = $"127.{Random.Shared.Next(16, 250)}.{Random.Shared.Next(1, 250)}.77";

    [SetUp]
    public void NewFolder() => _replay = new TempDir();

    [TearDown]
    public void DeleteFolder() => _replay.Dispose();

    /// <summary>The hardened camera's profile at an address where nothing listens, with or without its SSH and web services, and a short boot time.</summary>
    private string Profile(bool declareServices)
    {
        string text = TestPaths.ProfileText("vcam-hardened").Replace("address: 127.0.0.3", $"address: {_silentAddress}", StringComparison.Ordinal)
            .Replace("boot_time: 10s", "boot_time: 2s", StringComparison.Ordinal);
        if (!declareServices)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^services:\n(  .*\n)+", "");
        }

        return _replay.WriteProfile("profile.yaml", text);
    }

    /// <summary>FW-02 on a replay of the hardened camera's recorded boot, its lines edited (null drops one).</summary>
    private async Task<IReadOnlyList<PlanOutcome>> RunReplayAsync(string profile, Func<string, string?> edit)
    {
        string transcript = _replay.Write("boot.jsonl", string.Join("\n", File.ReadAllLines(ReplayBench.Transcript("vcam-hardened-boot")).Select(edit).OfType<string>()) + "\n");
        using var bench = new ReplayBench { ProfileFile = profile };
        return await bench.RunAsync(transcript, PlanLoader.Load(TestPaths.Plan("FW-02"), "FW-02"));
    }
}
