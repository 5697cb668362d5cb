namespace Rig.Benchmarks.Scenarios;

/// <summary>The scenarios of the suite, in the order they run and print.</summary>
public static class BenchmarkScenarios
{
    public static IReadOnlyList<IBenchmarkScenario> All { get; } =
    [
        new Scenarios.ThroughputScenario(),
        new Scenarios.LatencyScenario(),
        new Scenarios.SlotsScenario(),
        new Scenarios.ColdScenario(),
        new Scenarios.RealisticScenario(),
        new Scenarios.HangUpScenario(),
        new Sweep.SweepScenario(),
    ];

    public static IBenchmarkScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
