using System.Diagnostics;

namespace Rig.Benchmarks.Harness;

/// <summary>What one trial measured: the tool's CPU between ready and done, wall time from go to done, its peak memory, the device's own report.</summary>
/// <param name="Failure">Why it has no numbers (did not finish in the limit, crashed), or null.</param>
internal sealed record TrialResult(double CpuSeconds, double WallSeconds, long PeakKiB, Report? Device, ConsoleJob Job, string? Failure)
{
    /// <summary>CPU from the tool's start to "ready" (tty open, pattern armed): its start-up, summed over its processes.</summary>
    public double StartCpuSeconds { get; init; }

    /// <summary>Resident memory at "ready", read from /proc by the suite, summed over its processes.</summary>
    public long StartRssKiB { get; init; }

    public bool Finished => Failure is null;
}

/// <summary>
/// One trial: start the device side (it creates the ptys), start the tool on them, wait until
/// every process is ready, say go, wait for every done within the limit. Every process started
/// is killed on the way out, whatever happened.
/// </summary>
internal static class ConsoleTrial
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    public static async Task<TrialResult> RunAsync(PeerTools peers, string[] deviceArgs, int ttys, ConsoleTool tool, string dir, bool reply, TimeSpan limit, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        using var device = new ChildProcess(peers.Device, deviceArgs, dir);
        var paths = new List<string>();
        for (int i = 0; i < ttys; i++)
        {
            string line = await device.WaitLineAsync("tty ", ReadyLimit, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the benchmark device did not create its ptys: {device.Errors}");
            paths.Add(line[4..]);
        }

        var job = new ConsoleJob(dir, paths, reply);
        IReadOnlyList<ChildProcess> processes = tool.Start(job);
        try
        {
            long readyCpu = 0, readyRss = 0;
            foreach (ChildProcess p in processes)
            {
                string? ready = await p.WaitLineAsync("ready", ReadyLimit, ct).ConfigureAwait(false);
                if (ready is null)
                {
                    return Failed(job, $"{tool.Name} did not get ready: {FirstLine(p.Errors)}");
                }

                readyCpu += new Report(ready).Long("cpu_us");
                readyRss += ProcessTree.ResidentKiB(p.Id);
            }

            await device.SendLineAsync("go").ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            long doneCpu = 0, peak = 0;
            foreach (ChildProcess p in processes)
            {
                TimeSpan left = limit - clock.Elapsed;
                string? done = left > TimeSpan.Zero ? await p.WaitLineAsync("done", left, ct).ConfigureAwait(false) : null;
                if (done is null)
                {
                    return Failed(job, p.HasExited ? $"{tool.Name} failed: {FirstLine(p.Errors)}" : $"did not finish in {limit.TotalSeconds:0} s");
                }

                var report = new Report(done);
                doneCpu += report.Long("cpu_us");
                peak += report.Long("hwm_kb");
            }

            double wall = clock.Elapsed.TotalSeconds;
            string? result = await device.WaitLineAsync(reply ? "latency" : "sent", TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            foreach (ChildProcess p in processes)
            {
                await p.WaitExitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false); // Rig finishes its journal and safe state
            }

            return new TrialResult((doneCpu - readyCpu) / 1e6, wall, peak, result is null ? null : new Report(result), job, null)
            {
                StartCpuSeconds = readyCpu / 1e6,
                StartRssKiB = readyRss,
            };
        }
        finally
        {
            foreach (ChildProcess p in processes)
            {
                p.Dispose();
            }

            device.CloseInput();
            await device.WaitExitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static TrialResult Failed(ConsoleJob job, string why) => new(double.NaN, double.NaN, 0, null, job, why);

    private static string FirstLine(string text) => text.Split('\n')[0] is { Length: > 0 } line ? line : "(no message)";
}
