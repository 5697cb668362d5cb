using System.Text;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Engine;
using Rig.Tests.Support;

namespace Rig.Tests.Observation;

/// <summary>
/// "Since power-on" starts when the power command is issued: what a device prints while a slow
/// switch is still completing is evidence too. A device printing a private key at t=0 fails LOG-01
/// every time, on a command backend as slow as a smart plug and on the sim backend.
/// </summary>
public class PowerOnEvidenceTests
{
    private const int Runs = 20;
    private const string Secret = "-----BEGIN RSA PRIVATE KEY-----";

    [Test]
    public async Task ASecretPrintedWhileASlowSwitchIsStillTurningOnFailsLog01EveryTime()
    {
        // The device prints its key the instant power is applied and reaches its login prompt 1.5 s later;
        // the switch takes a second to report "on", like a smart plug.
        using var dir = new TempDir();
        string fifo = dir["device.fifo"];
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.That(mkfifo.ExitCode, Is.Zero);
        }

        await using var bench = new PtyBench(onCommand: $"printf '%s\\r\\n' '{Secret}' > '{fifo}'; (sleep 1.5; printf 'login: ' > '{fifo}') >/dev/null 2>&1 & sleep 1", bootTime: TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        Task device = Task.Run(() => Relay(fifo, bench, stop.Token));
        try
        {
            Plan log01 = PlanLoader.Load(TestPaths.Plan("LOG-01"), "LOG-01.yaml");
            for (int run = 1; run <= Runs; run++)
            {
                PlanOutcome o = await bench.RunAsync(log01);
                Assert.That(o.Verdict, Is.EqualTo(Verdict.Fail), $"run {run}: {o.Reason} (path {string.Join(" -> ", o.Path)})");
                Assert.That(o.Reason, Does.Contain("private key"));
            }
        }
        finally
        {
            stop.Cancel();
            await File.WriteAllTextAsync(fifo, string.Empty); // wakes the relay from its open
            await device;
        }
    }

    [Test]
    public async Task ASecretPrintedAtTheFirstInstantOfAVirtualDeviceFailsLog01EveryTime()
    {
        using var bench = new ReplayBench();
        string transcript = Path.Combine(bench.Dir, "secret-at-zero.jsonl");
        await File.WriteAllTextAsync(transcript, $$"""
            {"note":"a device that prints a private key the instant it gets power, then a login prompt a second later (at the bench's boot scale)"}
            {"t":0,"rx":"{{Secret}}\r\n"}
            {"t":20,"rx":"login: "}
            """ + "\n");
        Plan log01 = PlanLoader.Load(TestPaths.Plan("LOG-01"), "LOG-01.yaml");
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync(transcript, Enumerable.Repeat(log01, Runs).ToArray());
        Assert.That(outcomes, Has.Count.EqualTo(Runs));
        Assert.Multiple(() =>
        {
            foreach (PlanOutcome o in outcomes)
            {
                Assert.That(o.Verdict, Is.EqualTo(Verdict.Fail), $"{o.Reason} (path {string.Join(" -> ", o.Path)})");
            }
        });
    }

    [Test]
    public async Task AConsoleThatPrintsNothingGivesLog01NothingToPass()
    {
        using var dir = new TempDir();
        string profile = dir.WriteProfile("quiet.yaml", TestPaths.ProfileText("vcam-vulnerable").Replace("boot_time: 10s", "boot_time: 1s", StringComparison.Ordinal));
        using var bench = new ReplayBench { ProfileFile = profile };
        string transcript = dir.Write("quiet.jsonl", """{"note":"a device whose console prints nothing (or a console cable that is not plugged in)"}""" + "\n");
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync(transcript, PlanLoader.Load(TestPaths.Plan("LOG-01"), "LOG-01.yaml"));
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Inconclusive), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Does.StartWith("the console printed nothing since power-on"));
    }

    /// <summary>Copies what the on command writes into the fifo onto the console, as the device printing it.</summary>
    private static void Relay(string fifo, PtyBench bench, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            byte[] said = File.ReadAllBytes(fifo); // blocks until a writer comes, ends when it is done
            if (said.Length > 0)
            {
                bench.Print(said);
            }
        }
    }
}
