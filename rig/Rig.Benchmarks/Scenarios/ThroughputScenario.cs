using Rig.Benchmarks.Harness;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// Capture plus expect on a stream whose pattern comes only at the end: 64 MiB for Rig; for each
/// peer the largest size it finishes within a minute, with Rig measured on that size too. What
/// each tool logged is checked against what was sent, byte for byte (SHA-256).
/// </summary>
internal sealed class ThroughputScenario : IBenchmarkScenario
{
    public string Name => "throughput";

    public string Description => "capture plus expect of a stream whose end marker comes last (CPU between ready and done, wall from go to done, bytes lost)";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        PeerTools peers = await PeerTools.PrepareAsync(settings, ct).ConfigureAwait(false);
        int[] ladder = settings.Quick ? [1, 4] : [1, 4, 16, 64];
        TimeSpan limit = TimeSpan.FromSeconds(settings.Quick ? 20 : 60);
        var streams = new Dictionary<int, TestStream>();
        TestStream StreamOf(int mib) => streams.TryGetValue(mib, out TestStream? s) ? s : streams[mib] = TestStream.Create(Path.Combine(settings.WorkDir, "streams"), mib);

        var results = new List<Measurement>();
        var rigSizes = new SortedSet<int> { ladder[^1] };
        var trialNo = 0;
        async Task<TrialResult> Trial(ConsoleTool tool, int mib)
        {
            TestStream stream = StreamOf(mib);
            settings.Progress.WriteLine($"benchmark: throughput: {tool.Name}, {mib} MiB");
            return await ConsoleTrial.RunAsync(peers, ["stream", stream.Path], 1, tool, Path.Combine(settings.WorkDir, "throughput", $"{++trialNo}-{Slug(tool.Name)}-{mib}"), reply: false, limit, ct).ConfigureAwait(false);
        }

        IReadOnlyList<ConsoleTool> tools = ConsoleTool.All(settings, peers);
        foreach (ConsoleTool peer in tools.Where(t => t.Name != ResultTable.Rig))
        {
            if (peer.Missing is { } why)
            {
                results.Add(new Measurement(Scenario(ladder[^1]), peer.Name, "CPU s", double.NaN, why));
                continue;
            }

            // Climb the sizes until one does not finish in the limit; measure the largest that did.
            int largest = 0;
            TrialResult? first = null;
            foreach (int mib in ladder)
            {
                TrialResult r = await Trial(peer, mib).ConfigureAwait(false);
                if (!r.Finished)
                {
                    results.Add(new Measurement(Scenario(mib), peer.Name, "CPU s", double.NaN, r.Failure));
                    break;
                }

                (largest, first) = (mib, r);
            }

            if (first is null)
            {
                continue;
            }

            var trials = new List<TrialResult> { first };
            for (int run = 1; run < settings.Runs; run++)
            {
                trials.Add(await Trial(peer, largest).ConfigureAwait(false));
            }

            results.AddRange(Summarize(peer, largest, StreamOf(largest), trials));
            rigSizes.Add(largest);
        }

        ConsoleTool rig = tools.Single(t => t.Name == ResultTable.Rig);
        foreach (int mib in rigSizes)
        {
            var trials = new List<TrialResult>();
            for (int run = 0; run < settings.Runs; run++)
            {
                trials.Add(await Trial(rig, mib).ConfigureAwait(false));
            }

            results.InsertRange(0, Summarize(rig, mib, StreamOf(mib), trials));
        }

        return results;
    }

    private static IEnumerable<Measurement> Summarize(ConsoleTool tool, int mib, TestStream stream, List<TrialResult> trials)
    {
        string scenario = Scenario(mib);
        if (trials.FirstOrDefault(t => !t.Finished) is { } failed)
        {
            yield return new Measurement(scenario, tool.Name, "CPU s", double.NaN, failed.Failure);
            yield break;
        }

        yield return new Measurement(scenario, tool.Name, "CPU s", Median.Of(trials.Select(t => t.CpuSeconds)));
        yield return new Measurement(scenario, tool.Name, "wall s", Median.Of(trials.Select(t => t.WallSeconds)));
        yield return new Measurement(scenario, tool.Name, "MiB/s", Median.Of(trials.Select(t => mib / t.WallSeconds)));
        yield return Integrity(tool, scenario, stream, trials);
    }

    /// <summary>Bytes lost: what was sent less what the tool logged, worst run; a log of the right size with another hash counts as all lost.</summary>
    private static Measurement Integrity(ConsoleTool tool, string scenario, TestStream stream, List<TrialResult> trials)
    {
        if (tool.Logs(trials[0].Job) is null)
        {
            return new Measurement(scenario, tool.Name, "bytes lost", double.NaN, "keeps no log");
        }

        long worst = 0;
        foreach (TrialResult t in trials)
        {
            string log = tool.Logs(t.Job)![0];
            long length = File.Exists(log) ? new FileInfo(log).Length : 0;
            long lost = length == stream.Length && TestStream.Hash(log) == stream.Sha256 ? 0 : Math.Max(stream.Length - length, length == stream.Length ? stream.Length : 1);
            worst = Math.Max(worst, lost);
        }

        return new Measurement(scenario, tool.Name, "bytes lost", worst, worst == 0 ? "SHA-256 matches" : "log differs from what was sent");
    }

    private static string Scenario(int mib) => $"capture + expect, {mib} MiB";

    private static string Slug(string name) => name.Replace(' ', '-');
}
