using Rig.Benchmarks;
using Rig.Benchmarks.Sweep;

namespace Rig.Tests.Sweep;

/// <summary>
/// The benchmark's sweep scenario in quick mode, end to end: the real camera, Rig's sweep, and
/// hydra and medusa where installed (test.sh installs them), each answer checked against the truth.
/// </summary>
[NonParallelizable]
public class SweepScenarioTests
{
    [Test]
    public async Task QuickModeGivesRigsProvenAnswerAndOneForEachPeer()
    {
        using var dir = new TempDir();
        string address = $"127.{Random.Shared.Next(16, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";
        var progress = new StringWriter();
        var settings = new BenchmarkSettings { WorkDir = dir.Path, Quick = true, Runs = 1, Progress = progress };

        IReadOnlyList<Measurement> measured = await new SweepScenario(address).RunAsync(settings, CancellationToken.None);

        Assert.That(measured.Select(m => m.Tool), Is.EquivalentTo(new[] { "rig", "hydra", "medusa" }), progress.ToString());
        Assert.That(measured.Select(m => m.Scenario).Distinct(), Is.EqualTo(new[] { "Mirai sweep (11 pairs, P=4)" }));
        Measurement rig = measured.Single(m => m.Tool == "rig");
        Assert.That(rig.Finished, Is.True, progress.ToString());
        Assert.That(rig.Note, Does.StartWith("found support:support (nonce echoed, "));
        Assert.That(rig.Note, Does.Contain("at most 4 at once").And.EndWith("quick: first 11 pairs, 0.2 s pause"));
        foreach (Measurement peer in measured.Where(m => m.Tool != "rig"))
        {
            if (PeerProcess.Find(peer.Tool) is null)
            {
                Assert.That(peer.Note, Is.EqualTo("not installed (scripts/install-benchmark-deps.sh)"));
                continue;
            }

            // Whatever the peer answers is parsed and judged against the pair the device accepts.
            Assert.That(peer.Finished, Is.True, progress.ToString());
            Assert.That(peer.Note, Does.Match(@"^(found support:support|WRONG: claimed \S+|none) \(device judged \d+, at most \d at once\); quick: "), progress.ToString());
        }

        Assert.That(progress.ToString(), Does.Contain("sweep: run 1/1: rig: "));
    }

    [Test]
    public void PeersOutputIsReadAsClaims()
    {
        Assert.That(SweepPeers.Hydra.Claims("[DATA] attacking telnet://127.0.0.20:2323/\n[2323][telnet] host: 127.0.0.20   login: root   password: xc3511\n"),
            Is.EqualTo(new[] { ("root", "xc3511") }));
        Assert.That(SweepPeers.Hydra.Claims("[2323][telnet] host: 127.0.0.20   login: admin   password: \n"), Is.EqualTo(new[] { ("admin", "") }));
        Assert.That(SweepPeers.Hydra.Claims("1 of 1 target completed, 0 valid password found\n"), Is.Empty);
        Assert.That(SweepPeers.Medusa.Claims("ACCOUNT CHECK: [telnet] Host: 127.0.0.20 (1 of 1, 0 complete) User: root (1 of 1, 0 complete) Password: x (1 of 2 complete)\nACCOUNT FOUND: [telnet] Host: 127.0.0.20 User: tech Password: tech [SUCCESS]\n"),
            Is.EqualTo(new[] { ("tech", "tech") }));
    }

    [Test]
    public void AnAnswerIsJudgedAgainstThePairTheDeviceAccepts()
    {
        var truth = ("tech", "tech");
        Assert.That(new SweepAnswer([truth], 1).Verdict(truth), Is.EqualTo("found tech:tech"));
        Assert.That(new SweepAnswer([("root", "admin")], 1).Verdict(truth), Is.EqualTo("WRONG: claimed root:admin"));
        Assert.That(new SweepAnswer([truth, ("root", "admin")], 1).Verdict(truth), Is.EqualTo("WRONG: claimed root:admin"));
        Assert.That(new SweepAnswer([], 1).Verdict(truth), Is.EqualTo("none"));
        Assert.That(SweepAnswer.DidNotFinish("did not finish in 300 s").Verdict(truth), Is.EqualTo("did not finish in 300 s"));
    }
}
