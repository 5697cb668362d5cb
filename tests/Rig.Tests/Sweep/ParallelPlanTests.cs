using System.Text.RegularExpressions;
using Rig.Tests.Cli;
using Rig.Tests.Support;

namespace Rig.Tests.Sweep;

/// <summary>
/// <c>credentials: { parallel: 4 }</c> in a plan run by the real rig against the real vulnerable
/// camera: the sessions the profile allows, and one at a time where it declares nothing.
/// </summary>
[NonParallelizable]
public class ParallelPlanTests
{
    private VirtualBench _bench = null!;

    [OneTimeSetUp]
    public void SetUp() => _bench = new VirtualBench();

    [OneTimeTearDown]
    public void TearDown() => _bench.Dispose();

    // Eight wrong pairs, then the camera's own.
    private const string List = "root:vizxv\nroot:admin\nadmin:admin\nroot:888888\nroot:xmhdipc\nroot:default\nroot:juantech\nroot:123456\nroot:xc3511\n";

    // CRED-01's procedure with parallel sessions: boot to a prompt with the shipped fragment, then sweep.
    private static string Plan() =>
        $$$"""
        plan: SWEEP-P
        title: Telnet sweep with parallel sessions
        needs: [power, console, network]
        initial: boot
        states:
          boot:
            use: {{{Path.Combine(TestPaths.TestPlans, "fragments", "boot-to-prompt.yaml")}}}
            exits: { login: sweep, shell: sweep, silent: sweep }
          sweep:
            enter:
              - credentials: { service: telnet, list: pairs.txt, parallel: 4 }
            on:
              - result: found
                verdict: fail
                because: 'telnet accepted {{user}}:{{password}} after {{tried}} pairs'
              - result: none
                verdict: pass
                because: 'refused {{tried}} pairs'
              - result: closed
                verdict: pass
                because: 'no telnet'
        """;

    [TestCase(null, 1)]
    [TestCase(4, 4)]
    [TestCase(2, 2)]
    public void TheProfileBoundsTheSessions(int? declared, int sessions)
    {
        string dir = Path.Combine(_bench.Path, $"declared-{declared}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "pairs.txt"), List);
        string plan = Path.Combine(dir, "sweep.yaml");
        File.WriteAllText(plan, Plan());
        string profile = File.ReadAllText(_bench.ProfileFile("vcam-vulnerable"));
        if (declared is { } n)
        {
            profile = Regex.Replace(profile, @"telnet: \{ port: (\d+) \}", $"telnet: {{ port: $1, concurrent_logins: {n} }}");
        }

        // Beside the bench's profiles, whose firmware/ folder the copy names: a profile's paths stay in its folder.
        string profileFile = Path.Combine(Path.GetDirectoryName(_bench.ProfileFile("vcam-vulnerable"))!, $"declared-{declared}.yaml");
        File.WriteAllText(profileFile, profile);
        string run = Path.Combine(dir, "run");
        var (exit, stdout, stderr) = RigProcess.Run(_bench.Path,
        [
            "run", plan, "--slot", "vcam-vulnerable", "--profile", profileFile,
            "--bench", _bench.BenchFile, "--state-root", _bench.StateRoot, "--out", run,
        ]);
        Assert.That(stdout, Does.Contain("SWEEP-P FAIL: telnet accepted root:xc3511 after "), stdout + stderr);
        Assert.That(exit, Is.EqualTo(1), stderr);
        string journal = File.ReadAllText(Path.Combine(run, "journal.jsonl"));
        Assert.That(journal, Does.Contain($"\"parallel\":{sessions},"), "the journal says how many sessions ran and why");
        if (sessions == 1)
        {
            Assert.That(stdout, Does.Contain("after 9 pairs"), "one at a time: tried is the pair's place in the list");
        }
    }
}
