using System.Globalization;
using Rig.Benchmarks.Harness;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// A lab's first prompts come cold: a bootloader's countdown, the first login. Each tool is started
/// fresh and answers the first 2,000 login prompts with no warm-up at all; the device side times
/// each round trip as in the latency scenario. Also what starting costs: CPU from the process's
/// start to "ready" (tty open, pattern armed; counted by the process itself) and its resident
/// memory at that moment (read by the suite from /proc).
/// </summary>
internal sealed class ColdScenario : IBenchmarkScenario
{
    public string Name => "cold";

    public string Description => "a fresh process: start-up CPU, memory when ready, prompt-to-reply over its first round trips (no warm-up)";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        PeerTools peers = await PeerTools.PrepareAsync(settings, ct).ConfigureAwait(false);
        int count = settings.Quick ? 200 : 2000;
        string scenario = $"cold start, first {count.ToString("N0", CultureInfo.InvariantCulture)} round trips";
        var results = new List<Measurement>();
        foreach (ConsoleTool tool in ConsoleTool.All(settings, peers))
        {
            (List<TrialResult> trials, string? failure) = tool.Missing is { } why
                ? ([], why)
                : await RepeatedTrials.RunAsync(settings, peers, Name, tool, ["latency", count.ToString(CultureInfo.InvariantCulture), "0"], 1, reply: true, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
            if (failure is not null)
            {
                results.Add(new Measurement(scenario, tool.Name, "start-up CPU s", double.NaN, failure));
                continue;
            }

            results.Add(new Measurement(scenario, tool.Name, "start-up CPU s", Median.Of(trials.Select(t => t.StartCpuSeconds))));
            results.Add(new Measurement(scenario, tool.Name, "RSS when ready MiB", Median.Of(trials.Select(t => t.StartRssKiB / 1024.0))));
            results.Add(new Measurement(scenario, tool.Name, "p50 µs", Median.Of(trials.Select(t => t.Device!.Long("p50_ns") / 1000.0))));
            results.Add(new Measurement(scenario, tool.Name, "p99 µs", Median.Of(trials.Select(t => t.Device!.Long("p99_ns") / 1000.0))));
        }

        return results;
    }
}
