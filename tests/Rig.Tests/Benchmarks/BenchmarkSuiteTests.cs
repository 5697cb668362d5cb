using System.Text.RegularExpressions;
using Rig.Tests.Cli;

namespace Rig.Tests.Benchmarks;

/// <summary>
/// The suite in quick mode, as a user runs it: real ptys, the C device side, Rig and every peer.
/// It asserts that the suite measures (numbers, not notes) and that Rig lost nothing; it does not
/// assert speed: the figures are the suite's to report, not a unit test's to time.
/// </summary>
public class BenchmarkSuiteTests
{
    [Test]
    public void TheConsoleScenariosMeasureRigAndEveryPeerAndRigLosesNoByte()
    {
        using var dir = new TempDir();
        string table = dir.File("table.md");

        var (exit, stdout, stderr) = RigProcess.Run(dir.Path, "benchmark", "throughput", "latency", "slots", "--quick", "--work", dir.File("work"), "--markdown", table);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(File.ReadAllText(table), Is.EqualTo(stdout));
        string[] rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0], Is.EqualTo("| scenario | metric | rig | raw C | expect | pexpect | rig, a process per slot |"));
        foreach (string metric in new[] { "| capture + expect, 4 MiB | CPU s |", "| prompt to reply, 1,000 round trips | p99 µs |", "| 16 slots at 115200 baud, 3 s | CPU share of a core |" })
        {
            string row = rows.Single(r => r.StartsWith(metric, StringComparison.Ordinal));
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries)[3..^2];
            Assert.That(cells, Has.Length.EqualTo(4), row);
            Assert.That(cells, Has.All.Match(@"^\d"), $"every tool measured: {row}");
            Assert.That(cells.Skip(1), Has.All.Match(@"\(\d[\d.]*×\)"), $"each peer's ratio to Rig: {row}");
        }

        // rig certify itself, 16 slots in one process; the process-per-slot form is left out of --quick.
        string certify = rows.Single(r => r.StartsWith("| 16 slots by rig certify, 3 s | peak RSS MiB, rig |", StringComparison.Ordinal));
        string[] certified = certify.Split('|', StringSplitOptions.TrimEntries)[3..^1];
        Assert.That(certified[0], Does.Match(@"^\d"), certify);
        Assert.That(certified[4], Is.EqualTo("not in --quick (16 runtimes to start)"), certify);

        foreach (string lost in rows.Where(r => r.Contains("| bytes lost |", StringComparison.Ordinal)))
        {
            Assert.That(Regex.IsMatch(lost, @"^\| [^|]+ \| bytes lost \| 0[ ,|]"), lost);
        }
    }

    [Test]
    public void AnUnknownScenarioIsOneLineAndExitCode2()
    {
        using var dir = new TempDir();
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "benchmark", "warp-speed");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.StartWith("rig: benchmark: no scenario 'warp-speed' (have: throughput, latency, slots").And.Not.Contain("\n"));
    }
}
