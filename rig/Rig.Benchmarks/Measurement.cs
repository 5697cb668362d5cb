namespace Rig.Benchmarks;

/// <summary>One number a scenario measured for one tool: e.g. console throughput, pexpect, CPU seconds, 34.1.</summary>
/// <param name="Scenario">The scenario's name, e.g. "capture 16 MiB".</param>
/// <param name="Tool">"rig", "raw C", "expect", "pexpect", "hydra", "medusa".</param>
/// <param name="Metric">What was measured, e.g. "CPU s", "p99 µs", "wall s".</param>
/// <param name="Value">The median over the runs; NaN when the tool did not finish.</param>
/// <param name="Note">The tool's answer or why it has no value (e.g. "did not finish in 60 s", "found root:xc3511").</param>
public sealed record Measurement(string Scenario, string Tool, string Metric, double Value, string? Note = null)
{
    public bool Finished => !double.IsNaN(Value);
}
