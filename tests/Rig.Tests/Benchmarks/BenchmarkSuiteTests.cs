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
        Assert.That(rows[0], Is.EqualTo("| scenario | metric | rig | raw C | expect | pexpect | System.IO.Ports | rig, a process per slot |"));
        foreach (string metric in new[] { "| capture + expect, 4 MiB | CPU s |", "| prompt to reply, 1,000 round trips | p99 µs |", "| 16 slots at 115200 baud, 3 s | CPU share of a core |" })
        {
            string row = rows.Single(r => r.StartsWith(metric, StringComparison.Ordinal));
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries)[3..^2];
            Assert.That(cells, Has.Length.EqualTo(5), row);
            Assert.That(cells, Has.All.Match(@"^\d"), $"every tool measured: {row}");
            Assert.That(cells.Skip(1), Has.All.Match(@"\(\d[\d.]*×\)"), $"each peer's ratio to Rig: {row}");
        }

        // rig certify itself, 16 slots in one process; the process-per-slot form is left out of --quick.
        string certify = rows.Single(r => r.StartsWith("| 16 slots by rig certify, 3 s | peak RSS MiB, rig |", StringComparison.Ordinal));
        string[] certified = certify.Split('|', StringSplitOptions.TrimEntries)[3..^1];
        Assert.That(certified[0], Does.Match(@"^\d"), certify);
        Assert.That(certified[5], Is.EqualTo("not in --quick (16 runtimes to start)"), certify);

        foreach (string lost in rows.Where(r => r.Contains("| bytes lost |", StringComparison.Ordinal)))
        {
            Assert.That(Regex.IsMatch(lost, @"^\| [^|]+ \| bytes lost \| 0[ ,|]"), lost);
        }
    }

    [Test]
    public void TheColdRealisticAndHangUpScenariosMeasureAndNoDeathPatternFiresOnHealthyBootText()
    {
        using var dir = new TempDir();

        var (exit, stdout, stderr) = RigProcess.Run(dir.Path, "benchmark", "cold", "realistic", "hangup", "--quick", "--work", dir.File("work"));

        Assert.That(exit, Is.Zero, stderr);
        string[] rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0], Is.EqualTo("| scenario | metric | rig | raw C | expect | pexpect | System.IO.Ports |"));
        foreach (string metric in new[] { "start-up CPU s", "RSS when ready MiB", "p50 µs", "p99 µs" })
        {
            string row = rows.Single(r => r.StartsWith($"| cold start, first 200 round trips | {metric} |", StringComparison.Ordinal));
            Assert.That(Cells(row), Has.All.Match(@"^\d"), $"every tool measured, cold: {row}");
        }

        string fired = rows.Single(r => r.Contains("| death patterns fired |", StringComparison.Ordinal));
        Assert.That(Cells(fired)[0], Is.EqualTo("0, plan passed"), fired);

        // Rig's console reports the hang-up and refuses the write at once; SerialPort's outcome is whatever it was, but bounded.
        string read = rows.Single(r => r.StartsWith("| hang-up of the tty's other side | read after hang-up, ms to return |", StringComparison.Ordinal));
        string write = rows.Single(r => r.StartsWith("| hang-up of the tty's other side | write after hang-up, ms to return |", StringComparison.Ordinal));
        Assert.That(Cells(read)[0], Does.Match(@"^\d+, the reader reports the hang-up$"), read);
        Assert.That(Cells(write)[0], Does.Match(@"^\d+, throws ConsoleUnavailableException$"), write);
        Assert.That(Cells(read)[4], Does.Match(@"^(\d|hangs)"), read);
        Assert.That(Cells(write)[4], Does.Match(@"^(\d|hangs)"), write);
    }

    private static string[] Cells(string row) => row.Split('|', StringSplitOptions.TrimEntries)[3..^1];

    [Test]
    public void AnUnknownScenarioIsOneLineAndExitCode2()
    {
        using var dir = new TempDir();
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "benchmark", "warp-speed");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.StartWith("rig: benchmark: no scenario 'warp-speed' (have: throughput, latency, slots").And.Not.Contain("\n"));
    }
}
