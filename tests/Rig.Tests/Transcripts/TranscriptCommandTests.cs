using System.CommandLine;
using Rig.Cli;
using Rig.Cli.Commands;
using Rig.Formats.Transcripts;
using Rig.Tests.Cli;

namespace Rig.Tests.Transcripts;

/// <summary><c>rig transcript export</c>: the command as built by TranscriptCommand.Create, and on the real rig executable once it is registered.</summary>
public class TranscriptCommandTests
{
    private static RunFolder TwoPlans()
    {
        var run = new RunFolder();
        run.PlanStart(1, "A").Power(10, "off").Power(100, "on").Console(200, "boot A\r\n# ").Send(300, "id\r").Console(310, "uid=0(root)\r\n")
            .PlanStart(900, "B").Power(1000, "off").Power(1100, "on").Console(1250, "boot B\r\n")
            .Event(2000, "run-end");
        run.Save();
        return run;
    }

    /// <summary>Parses and runs like RigCommandLine does (exceptions reach the caller); returns the exit code and what it printed.</summary>
    private static (int Code, string Output) Invoke(params string[] args)
    {
        var root = new RootCommand { TranscriptCommand.Create() };
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return (ExitCodes.BadInput, parsed.Errors[0].Message);
        }

        using var output = new StringWriter();
        int code = parsed.Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
        return (code, output.ToString());
    }

    [Test]
    public void ExportWritesTheTranscriptAndSaysWhatItHolds()
    {
        using RunFolder run = TwoPlans();
        string file = run.File("a.jsonl");

        var (code, output) = Invoke("transcript", "export", run.Path, "--out", file, "--plan", "A");

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output);
        Assert.That(output, Is.EqualTo($"transcript: {file} (23 bytes of console output, 1 input from the rig)\n"));
        string[] lines = File.ReadAllLines(file);
        Assert.That(lines[1..], Is.EqualTo(new[]
        {
            """{"t":0.1,"rx":"boot A\r\n"}""",
            """{"t":0.1,"rx":"# "}""",
            """{"tx":"id\r"}""",
            """{"t":0.01,"rx":"uid=0(root)\r\n"}""",
        }));
        Assert.That(lines[0], Does.StartWith("{\"note\":").And.Contain("plan A"));
    }

    [Test]
    public void WithoutPlanTheRunsLastPowerOnIsExported()
    {
        using RunFolder run = TwoPlans();
        string file = run.File("all.jsonl");

        Assert.That(Invoke("transcript", "export", run.Path, "--out", file).Code, Is.EqualTo(ExitCodes.Ok));

        Assert.That(ConsoleTranscriptReader.Read(file).DeviceOutput(), Is.EqualTo("boot B\r\n"u8.ToArray()));
    }

    [Test]
    public void BadInputIsAUsageOrArgumentErrorNamingWhatIsWrong()
    {
        using RunFolder run = TwoPlans();

        Assert.That(Invoke("transcript", "export", run.Path).Output, Does.Contain("--out"), "--out is required");
        Assert.That(() => Invoke("transcript", "export", run.File("missing"), "--out", run.File("x.jsonl")),
            Throws.InstanceOf<UsageException>().With.Message.EqualTo($"{run.File("missing")}: no such run folder"));
        Assert.That(() => Invoke("transcript", "export", run.Path, "--out", run.Path),
            Throws.InstanceOf<UsageException>().With.Message.Contain("is a folder"));
        Assert.That(() => Invoke("transcript", "export", run.Path, "--out", run.File("x.jsonl"), "--plan", "Z"),
            Throws.ArgumentException.With.Message.Contain("plan 'Z' is not in this run (it ran: A, B)"));
        File.WriteAllText(Path.Combine(run.Path, "console.raw"), "short");
        Assert.That(() => Invoke("transcript", "export", run.Path, "--out", run.File("x.jsonl")),
            Throws.InstanceOf<UsageException>().With.Message.Contain("points outside console.raw"));
        Assert.That(File.Exists(run.File("x.jsonl")), Is.False, "nothing written on error");
    }

    [Test]
    public void TheRealRigExecutableExportsARun()
    {
        using RunFolder run = TwoPlans();
        string file = run.File("cli.jsonl");

        var (_, help, _) = RigProcess.Run(run.File("xdg"), "--help");
        if (!help.Contains("\n  transcript ", StringComparison.Ordinal))
        {
            Assert.Ignore("rig transcript is not registered in RigCommandLine yet (TranscriptCommand.Create)");
        }

        var (code, stdout, stderr) = RigProcess.Run(run.File("xdg"), "transcript", "export", run.Path, "--out", file, "--plan", "A");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), stderr);
        Assert.That(stdout, Does.StartWith($"transcript: {file}"));
        Assert.That(ConsoleTranscriptReader.Read(file).DeviceOutput(), Is.EqualTo("boot A\r\n# uid=0(root)\r\n"u8.ToArray()));

        var (bad, _, badErr) = RigProcess.Run(run.File("xdg"), "transcript", "export", run.Path, "--out", file, "--plan", "Z");
        Assert.That(bad, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(badErr.Trim(), Is.EqualTo($"rig: {run.Path}: plan 'Z' is not in this run (it ran: A, B)"));
    }
}
