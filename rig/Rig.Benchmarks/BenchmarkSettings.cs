namespace Rig.Benchmarks;

/// <summary>What every scenario is told: where to work, how many runs, how to report progress.</summary>
public sealed class BenchmarkSettings
{
    /// <summary>Scratch folder for builds, streams, logs and run folders; the scenarios make their own subfolders.</summary>
    public required string WorkDir { get; init; }

    /// <summary>Runs per measurement; the median is reported.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Small sizes and counts: checks that the suite works, measures little.</summary>
    public bool Quick { get; init; }

    /// <summary>The folder rig runs from (its testplans/ and benchmark-peers/ are beside it).</summary>
    public string RigHome { get; init; } = AppContext.BaseDirectory;

    /// <summary>One line per step, for a lab engineer watching a run of several minutes.</summary>
    public TextWriter Progress { get; init; } = TextWriter.Null;
}
