using System.Security.Cryptography;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

/// <summary>A device that floods its console cannot make the rig's memory grow: the raw log streams to disk, matching keeps its window.</summary>
public class FloodTests
{
    private const long FloodBytes = 100L * 1024 * 1024;

    [Test]
    public async Task A100MegabyteLineOfBinaryNoiseLeavesMemoryBoundedAndLosesNothing()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan("plan: F-1\ntitle: flood\ninitial: a\nstates:\n  a:\n    on:\n      - console: 'FLOOD-(?<n>\\d+)-OVER'\n        verdict: pass\n        because: 'survived {{n}}'\n      - after: 5m\n        verdict: error\n        because: lost\n");
        byte[] block = RandomNumberGenerator.GetBytes(64 * 1024);
        for (int i = 0; i < block.Length; i++)
        {
            block[i] = block[i] is (byte)'\n' or (byte)'F' ? (byte)'x' : block[i]; // no newline, no accidental marker
        }

        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        Task sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(20);
            }
        });
        Task device = Task.Run(async () =>
        {
            await Task.Delay(200);
            for (long sent = 0; sent < FloodBytes; sent += block.Length)
            {
                bench.Print(block);
            }

            bench.Print("FLOOD-100-OVER");
        });

        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        sampling.Cancel();
        await sampler;

        Assert.That(outcome.Reason, Is.EqualTo("survived 100"));
        Assert.That(new FileInfo(Path.Combine(bench.Dir, "console.raw")).Length, Is.EqualTo(FloodBytes + "FLOOD-100-OVER".Length));
        // The flood is 100 MiB; what the rig holds for it is a few windows of 64 KiB to 1 MiB.
        Assert.That(peak - baseline, Is.LessThan(48L * 1024 * 1024), $"managed heap grew by {(peak - baseline) / 1024 / 1024} MiB");
    }

    [Test]
    public async Task APatternAtTheHeadOfABurstLargerThanTheWindowIsStillSeen()
    {
        // Reads coalesce up to 64 KiB and the loop may fall behind: a burst of several windows
        // arrives at once. The panic near its start must not be skipped for the burst's tail.
        await using var bench = new PtyBench();
        Plan plan = bench.Plan("plan: F-2\ntitle: burst\ninitial: a\nstates:\n  a:\n    on:\n      - console: 'BURST-OVER'\n        verdict: pass\n        because: 'no panic seen'\n      - after: 2m\n        verdict: error\n        because: lost\n");
        string burst = new string('x', 1000) + "\r\nKernel panic - not syncing: in the burst\r\n" + new string('y', 300 * 1024) + "BURST-OVER";
        Task device = bench.PrintLater(burst);

        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(outcome.Reason, Does.Contain("kernel panic").And.Contain("in the burst"));
    }
}
