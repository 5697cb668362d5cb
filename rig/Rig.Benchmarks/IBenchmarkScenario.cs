namespace Rig.Benchmarks;

/// <summary>A scenario of the suite: runs Rig and the peers on the same input and returns what it measured.</summary>
public interface IBenchmarkScenario
{
    /// <summary>The subcommand name, e.g. "throughput".</summary>
    string Name { get; }

    string Description { get; }

    Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, CancellationToken ct);
}
