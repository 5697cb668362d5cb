using Rig.Benchmarks.Sweep;
using Rig.Engine.Actions;

namespace Rig.Tests.Sweep;

/// <summary>
/// The telnet port sweep against the real virtual camera (rig-vdev on a loopback address of its
/// own) that accepts only a late pair of the Mirai list: parallel sessions share the list in
/// order, the device sees them at once, and the winning session carries the nonce proof.
/// </summary>
public class ParallelSweepTests
{
    private const int Late = 17; // the 18th pair, root:pass

    private static SweepCase Case()
    {
        WordList mirai = WordList.Load(Path.Combine(TestPaths.TestPlans, "wordlists", "mirai.txt"), "mirai.txt");
        var pairs = mirai.Pairs.Take(20).ToList();
        return new SweepCase(pairs, pairs[Late], TimeSpan.FromSeconds(0.3), Quick: true);
    }

    private static string Address() => $"127.{Random.Shared.Next(16, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";

    private static async Task<(TelnetSweepResult Result, DeviceLogTally Device)> SweepAsync(int parallel)
    {
        using var dir = new TempDir();
        SweepCase sweep = Case();
        SweepDevice device = await SweepDevice.StartAsync(dir["device"], Address(), sweep, CancellationToken.None);
        await using (device)
        {
            var options = CredentialsAction.LoginOptions(CredentialsAction.DefaultConnectTimeout, CredentialsAction.DefaultStepTimeout);
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            TelnetSweepResult result = await new TelnetPortSweep(device.Telnet, options, parallel).RunAsync(sweep.Pairs, limit.Token);
            return (result, DeviceLogTally.Read(device.StateDir));
        }
    }

    [Test]
    public async Task OneSessionTriesThePairsOneAfterAnother()
    {
        var (result, device) = await SweepAsync(parallel: 1);
        Assert.That(result.Hit, Is.Not.Null);
        Assert.That((result.Hit!.User, result.Hit.Password), Is.EqualTo(Case().Truth));
        Assert.That(result.Tried, Is.EqualTo(Late + 1), "serial: tried is the winning pair's place in the list");
        Assert.That(device.PeakLogins, Is.EqualTo(1));
        Assert.That(device.Judged, Is.EqualTo(Late + 1));

        // The evidence names every pair the device judged, in list order, the accepted one last.
        var pairs = Case().Pairs;
        IReadOnlyList<(long MonoNs, string Line)> log = result.AttemptLog();
        Assert.That(log, Has.Count.EqualTo(Late + 1));
        for (int i = 0; i <= Late; i++)
        {
            Assert.That(log[i].Line, Does.StartWith($"pair {i + 1} {pairs[i].User}:{pairs[i].Password}: " + (i < Late ? "Rejected" : "Accepted")));
        }
    }

    [Test]
    public async Task FourSessionsShareTheListAndTheFirstProvenLoginStopsThem()
    {
        var (result, device) = await SweepAsync(parallel: 4);
        Assert.That(result.Hit, Is.Not.Null);
        Assert.That(result.Hit!.Index, Is.EqualTo(Late));
        Assert.That((result.Hit.User, result.Hit.Password), Is.EqualTo(Case().Truth));
        Assert.That(result.Hit.Login.Proof, Does.Match("^[0-9a-f]{16}$"), "the shell echoed the nonce");
        string received = string.Concat(result.Hit.Login.Transcript
            .Where(e => e.Direction == Rig.Protocols.Net.TranscriptDirection.Received)
            .Select(e => System.Text.Encoding.Latin1.GetString(e.Data)));
        Assert.That(received, Does.Contain(result.Hit.Login.Proof), "the winning transcript is the proof");
        Assert.That(device.PeakLogins, Is.EqualTo(4), "the device had four logins going at once");
        Assert.That(device.Accepted, Is.EqualTo(1));
        // Handed out in list order: every pair before the hit was taken first; at most the other
        // three sessions' pairs were still waiting for their answer when the hit stopped them.
        Assert.That(result.Tried, Is.InRange(Late + 1 - 3, Late + 1 + 2));
        Assert.That(device.Judged, Is.InRange(Late + 1 - 3, Late + 1 + 3));
    }
}
