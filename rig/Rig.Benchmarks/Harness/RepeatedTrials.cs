namespace Rig.Benchmarks.Harness;

/// <summary>A scenario's runs for one tool: the same trial settings.Runs times, stopping at the first that fails.</summary>
internal static class RepeatedTrials
{
    private static int _trials;

    /// <returns>The finished trials, and why the series stopped early (null when all finished).</returns>
    public static async Task<(List<TrialResult> Trials, string? Failure)> RunAsync(
        BenchmarkSettings settings, PeerTools peers, string scenario, ConsoleTool tool, string[] deviceArgs, int ttys, bool reply, TimeSpan limit, CancellationToken ct)
    {
        var trials = new List<TrialResult>();
        for (int run = 0; run < settings.Runs; run++)
        {
            settings.Progress.WriteLine($"benchmark: {scenario}: {tool.Name}, run {run + 1} of {settings.Runs}");
            string dir = Path.Combine(settings.WorkDir, scenario, $"{Interlocked.Increment(ref _trials)}-{tool.Name.Replace(' ', '-')}");
            TrialResult r = await ConsoleTrial.RunAsync(peers, deviceArgs, ttys, tool, dir, reply, limit, ct).ConfigureAwait(false);
            if (!r.Finished || r.Device is null)
            {
                return (trials, r.Failure ?? "the device side reported nothing");
            }

            trials.Add(r);
        }

        return (trials, null);
    }
}
