using System.Globalization;
using Rig.Benchmarks.Harness;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// Prompt to reply: the device writes a login prompt and times, from its last byte to the reply's
/// arrival, how long the tool takes to notice and answer; p50 and p99 over 10,000 round trips,
/// after 5,000 untimed ones that every tool gets (Rig's JIT compiles its hot path there; the
/// benchmark measures the steady state of a session that lasts minutes, not its first second).
/// The device side does the timing, so every tool is measured by the same clock.
/// </summary>
internal sealed class LatencyScenario : IBenchmarkScenario
{
    public string Name => "latency";

    public string Description => "prompt-to-reply latency, timed by the device side, p50 and p99";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        PeerTools peers = await PeerTools.PrepareAsync(settings, ct).ConfigureAwait(false);
        int count = settings.Quick ? 1000 : 10_000;
        int warmup = count / 2;
        string scenario = $"prompt to reply, {count.ToString("N0", CultureInfo.InvariantCulture)} round trips";
        var results = new List<Measurement>();
        foreach (ConsoleTool tool in ConsoleTool.All(settings, peers))
        {
            (List<TrialResult> trials, string? failure) = tool.Missing is { } why
                ? ([], why)
                : await RepeatedTrials.RunAsync(settings, peers, Name, tool, ["latency", count.ToString(CultureInfo.InvariantCulture), warmup.ToString(CultureInfo.InvariantCulture)], 1, reply: true, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
            if (failure is not null)
            {
                results.Add(new Measurement(scenario, tool.Name, "p99 µs", double.NaN, failure));
                continue;
            }

            results.Add(new Measurement(scenario, tool.Name, "p50 µs", Median.Of(trials.Select(t => t.Device!.Long("p50_ns") / 1000.0))));
            results.Add(new Measurement(scenario, tool.Name, "p99 µs", Median.Of(trials.Select(t => t.Device!.Long("p99_ns") / 1000.0))));
        }

        return results;
    }
}
