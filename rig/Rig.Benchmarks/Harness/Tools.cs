using System.Globalization;

namespace Rig.Benchmarks.Harness;

/// <summary>What a console trial asks of a tool: the ttys to watch, and whether to answer prompts.</summary>
/// <param name="Dir">The trial's own folder, for the tool's logs and run folders.</param>
internal sealed record ConsoleJob(string Dir, IReadOnlyList<string> Ttys, bool Reply);

/// <summary>A tool measured on the console scenarios: Rig or a peer, started as processes that speak the subjects' protocol.</summary>
internal abstract class ConsoleTool
{
    /// <summary>The end marker the device prints last (a regex for the tools that take one).</summary>
    public const string EndPattern = "BENCH-END [0-9a-f]{16}";
    public const string Prompt = "login: ";
    public const string Reply = "root\r";

    public abstract string Name { get; }

    /// <summary>Why it cannot run here, or null.</summary>
    public virtual string? Missing => null;

    public abstract IReadOnlyList<ChildProcess> Start(ConsoleJob job);

    /// <summary>The raw log it kept per tty, to check against what was sent; null when it keeps none.</summary>
    public abstract IReadOnlyList<string>? Logs(ConsoleJob job);

    public static IReadOnlyList<ConsoleTool> All(BenchmarkSettings settings, PeerTools peers) =>
        [new RigTool(settings), new RawCTool(peers), new ExpectTool(peers), new PexpectTool(peers), new SerialPortTool(settings)];
}

/// <summary>Rig: one process for all the ttys, a real certification run per slot (journal, raw log, death patterns).</summary>
internal sealed class RigTool(BenchmarkSettings settings) : ConsoleTool
{
    public override string Name => ResultTable.Rig;

    public override IReadOnlyList<ChildProcess> Start(ConsoleJob job)
    {
        (string bench, string profile, string plan) = WriteInputs(settings, job);
        return [new ChildProcess(Path.Combine(settings.RigHome, "rig"),
            ["benchmark", "subject", "--bench", bench, "--profile", profile, "--plan", plan, "--out", Path.Combine(job.Dir, "run")], job.Dir)];
    }

    /// <summary>A bench of one slot s0, s1, ... per tty (relays that switch nothing), a profile, and the plan: what any Rig form of a trial runs.</summary>
    public static (string Bench, string Profile, string Plan) WriteInputs(BenchmarkSettings settings, ConsoleJob job)
    {
        string bench = Path.Combine(job.Dir, "bench.yaml");
        var yaml = new System.Text.StringBuilder("bench: benchmark\nslots:\n");
        for (int i = 0; i < job.Ttys.Count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  s{i}:\n    power: {{ backend: command, on: \"true\", off: \"true\" }}\n    console: {{ path: '{job.Ttys[i]}', baud: 115200 }}\n");
        }

        File.WriteAllText(bench, yaml.ToString());
        string profile = Path.Combine(job.Dir, "profile.yaml");
        File.WriteAllText(profile, "profile: bench-dut\nmanufacturer: Rig benchmark\nmodel: a console that streams\nfirmware_version: \"1\"\naddress: 127.0.0.1\nboot_time: 1s\n");
        return (bench, profile, Path.Combine(settings.RigHome, "benchmark", "plans", job.Reply ? "BENCH-REPLY.yaml" : "BENCH-CAPTURE.yaml"));
    }

    public override IReadOnlyList<string> Logs(ConsoleJob job) =>
        job.Ttys.Select((_, i) => Path.Combine(job.Dir, "run", $"s{i}", "console.raw")).ToList();
}

/// <summary>The physical baseline: poll, read, substring search over new bytes; one process for all ttys; no log.</summary>
internal sealed class RawCTool(PeerTools peers) : ConsoleTool
{
    public override string Name => "raw C";

    public override string? Missing => peers.Reader is null ? PeerTools.InstallHint : null;

    public override IReadOnlyList<ChildProcess> Start(ConsoleJob job)
    {
        List<string> args = job.Reply ? ["--reply", Prompt, Reply] : [];
        args.AddRange(["BENCH-END", "-", .. job.Ttys]);
        return [new ChildProcess(peers.Reader!, args, job.Dir)];
    }

    public override IReadOnlyList<string>? Logs(ConsoleJob job) => null;
}

/// <summary>Tcl expect, default settings, one process per tty as labs run it.</summary>
internal sealed class ExpectTool(PeerTools peers) : ConsoleTool
{
    public override string Name => "expect";

    public override string? Missing => peers.Expect is null ? PeerTools.InstallHint : null;

    public override IReadOnlyList<ChildProcess> Start(ConsoleJob job) =>
        job.Ttys.Select((tty, i) => new ChildProcess(peers.Expect!,
            ["-f", Path.Combine(peers.Sources, "expect_subject.tcl"), EndPattern, Log(job, i), tty, .. job.Reply ? new[] { Prompt, Reply } : []], job.Dir)).ToList();

    public override IReadOnlyList<string> Logs(ConsoleJob job) => job.Ttys.Select((_, i) => Log(job, i)).ToList();

    private static string Log(ConsoleJob job, int i) => Path.Combine(job.Dir, $"expect-{i}.log");
}

/// <summary>pexpect, default settings (searchwindowsize None, maxread 2000), one process per tty.</summary>
internal sealed class PexpectTool(PeerTools peers) : ConsoleTool
{
    public override string Name => "pexpect";

    public override string? Missing => peers.Python is null ? PeerTools.InstallHint : null;

    public override IReadOnlyList<ChildProcess> Start(ConsoleJob job) =>
        job.Ttys.Select((tty, i) => new ChildProcess(peers.Python!,
            [Path.Combine(peers.Sources, "pexpect_subject.py"), EndPattern, Log(job, i), tty, .. job.Reply ? new[] { Prompt, Reply } : []], job.Dir)).ToList();

    public override IReadOnlyList<string> Logs(ConsoleJob job) => job.Ttys.Select((_, i) => Log(job, i)).ToList();

    private static string Log(ConsoleJob job, int i) => Path.Combine(job.Dir, $"pexpect-{i}.log");
}

/// <summary>System.IO.Ports's SerialPort, default settings, a blocking Read per port; one process (rig's, as a subject) for all ttys.</summary>
internal sealed class SerialPortTool(BenchmarkSettings settings) : ConsoleTool
{
    public const string Label = "System.IO.Ports";

    public override string Name => Label;

    public override IReadOnlyList<ChildProcess> Start(ConsoleJob job)
    {
        List<string> args = ["benchmark", "serialport-subject", "--end", EndPattern, "--logs", job.Dir];
        if (job.Reply)
        {
            args.AddRange(["--prompt", Prompt, "--reply", Reply]);
        }

        args.AddRange(job.Ttys);
        return [new ChildProcess(Path.Combine(settings.RigHome, "rig"), args, job.Dir)];
    }

    public override IReadOnlyList<string> Logs(ConsoleJob job) => job.Ttys.Select((_, i) => Path.Combine(job.Dir, $"serialport-{i}.log")).ToList();
}
