using System.Globalization;
using Rig.Benchmarks.Harness;

namespace Rig.Benchmarks.Scenarios;

/// <summary>
/// Many slots at once: 16 consoles streaming boot-log lines at a paced 115200 baud (11,520 bytes/s,
/// 64-byte chunks as a USB-serial adapter delivers them). Measures the tool's CPU as a share of
/// one core over the stream, its peak resident memory (summed over its processes), and bytes lost.
/// Then the same stream certified by <c>rig certify</c> in one process and in a process per slot.
/// </summary>
internal sealed class SlotsScenario : IBenchmarkScenario
{
    public const int Slots = 16;
    private const int BytesPerSecond = 11_520; // 115200 baud, 8N1: 10 bits a byte

    public string Name => "slots";

    public string Description => $"{Slots} slots streaming at once at a paced 115200 baud: CPU share and peak memory; rig certify as one process and as {Slots}";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        PeerTools peers = await PeerTools.PrepareAsync(settings, ct).ConfigureAwait(false);
        int seconds = settings.Quick ? 3 : 20;
        string scenario = $"{Slots} slots at 115200 baud, {seconds} s";
        var results = new List<Measurement>();
        string[] device = ["paced", Slots.ToString(CultureInfo.InvariantCulture), BytesPerSecond.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture)];
        foreach (ConsoleTool tool in ConsoleTool.All(settings, peers))
        {
            (List<TrialResult> trials, string? failure) = tool.Missing is { } why
                ? ([], why)
                : await RepeatedTrials.RunAsync(settings, peers, Name, tool, device, Slots, reply: false, TimeSpan.FromSeconds(seconds * 3 + 30), ct).ConfigureAwait(false);
            if (failure is not null)
            {
                results.Add(new Measurement(scenario, tool.Name, "CPU share of a core", double.NaN, failure));
                continue;
            }

            results.Add(new Measurement(scenario, tool.Name, "CPU share of a core", Median.Of(trials.Select(t => t.CpuSeconds / (t.Device!.Long("seconds_ns") / 1e9)))));
            results.Add(new Measurement(scenario, tool.Name, "peak RSS MiB", Median.Of(trials.Select(t => t.PeakKiB / 1024.0))));
            results.Add(tool.Logs(trials[0].Job) is null
                ? new Measurement(scenario, tool.Name, "bytes lost", double.NaN, "keeps no log")
                : new Measurement(scenario, tool.Name, "bytes lost", trials.Max(t => t.Device!.Long("bytes") - tool.Logs(t.Job)!.Sum(l => File.Exists(l) ? new FileInfo(l).Length : 0))));
        }

        results.AddRange(await CertifySlots.RunAsync(settings, peers, device, Slots, seconds, ct).ConfigureAwait(false));
        return results;
    }
}
