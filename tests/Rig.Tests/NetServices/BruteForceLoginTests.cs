using Rig.Drivers.Power;
using Rig.Tests.Cli;
using Rig.Tests.Support;

namespace Rig.Tests.NetServices;

/// <summary>
/// AUTH-01's guessing on each login beyond the web one, with the real rig against the real virtual
/// cameras: a login that judges every wrong password fails with the login named, the hardened
/// build's silent lockouts are seen with the lab's password, and a declared lockout that cannot be
/// told without that password is inconclusive, not a pass.
/// </summary>
[NonParallelizable]
public class BruteForceLoginTests
{
    private VirtualBench _bench = null!;

    [OneTimeSetUp]
    public void SetUp() => _bench = new VirtualBench();

    [OneTimeTearDown]
    public void TearDown() => _bench.Dispose();

    [TestCase("ssh", "vcam-partial", true, "FAIL", "unbounded: the ssh login on {0}:")]
    [TestCase("ftp", "vcam-vulnerable", true, "FAIL", "unbounded: the ftp login on {0}:")]
    [TestCase("console", "vcam-partial", true, "FAIL", "unbounded: the console login on {0}:console judged all 6 wrong passwords")]
    [TestCase("ssh", "vcam-hardened", true, "PASS", "bounded: the ssh login ({0}:")]
    [TestCase("console", "vcam-hardened", true, "PASS", "bounded: the console login (serial console) refused guessing from attempt 6 (the right password was refused after 5 wrong ones: locked")]
    [TestCase("ssh", "vcam-hardened", false, "INCONCLUSIVE", "judged all 6 wrong passwords alike; the declared lockout after 5 failures")]
    [TestCase("ftp", "vcam-hardened", true, "PASS", "closed: ")]
    public void EachLoginIsJudgedOnItsOwn(string service, string personality, bool withLabel, string verdict, string because)
    {
        string plan = Path.Combine(_bench.Path, "plans", $"BF-{service}.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(plan)!);
        File.WriteAllText(plan, $$$"""
            plan: BF-{{{service}}}
            title: Guessing on one login
            version: "1"
            needs: [power, console, network]
            timeout: 5m
            initial: boot
            states:
              boot:
                use: {{{Path.Combine(TestPaths.TestPlans, "fragments", "boot-to-prompt.yaml")}}}
                exits: { login: guess, shell: guess, silent: guess }
              guess:
                enter:
                  - brute-force: { service: {{{service}}}, user: root, attempts: 6, recovery_wait: 0s }
                on:
                  - result: bounded
                    verdict: pass
                    because: 'bounded: {{guarded}}'
                  - result: differs
                    verdict: fail
                    because: 'differs: the {{{service}}} login on {{address}}:{{port}} onset {{onset}}'
                  - result: unbounded
                    verdict: fail
                    because: 'unbounded: the {{{service}}} login on {{address}}:{{port}} judged all {{attempts}} wrong passwords (about {{rate}} guesses/hour)'
                  - result: closed
                    verdict: pass
                    because: 'closed: {{port}}'
            """);
        string run = Path.Combine(_bench.Path, "runs", $"{service}-{personality}-{withLabel}");
        var args = new List<string>
        {
            "run", plan, "--slot", personality, "--profile", _bench.ProfileFile(personality),
            "--bench", _bench.BenchFile, "--state-root", _bench.StateRoot, "--out", run,
        };
        if (withLabel)
        {
            string unit = Path.Combine(_bench.Path, $"{personality}-unit.yaml");
            File.WriteAllText(unit, $"console_password: {VirtualUnitLabel.ReadPassword(Path.Combine(_bench.StateRoot, personality, "flash"))}\n");
            args.AddRange(["--unit", unit]);
        }

        var (exit, stdout, stderr) = RigProcess.Run(_bench.Path, [.. args]);
        string address = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(_bench.ProfileFile(personality)), @"(?m)^address: (\S+)").Groups[1].Value;
        Assert.That(stdout, Does.Contain($"BF-{service} {verdict}: "), stdout + stderr);
        Assert.That(stdout, Does.Contain(string.Format(System.Globalization.CultureInfo.InvariantCulture, because, address)), stdout);
        Assert.That(exit, Is.Not.EqualTo(2), stderr);
    }
}
