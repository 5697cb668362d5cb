using System.Text;
using Rig.Engine.Reporting;
using Rig.Formats.Transcripts;
using Rig.Tests.Cli;
using Rig.Tests.VirtualDevice;

namespace Rig.Tests.Transcripts;

/// <summary>From a run folder to a transcript: which part, which clock, and a real run that replays to the same bytes.</summary>
public class TranscriptExportTests
{
    private static (double Time, string Text)[] Outputs(ConsoleTranscript t) =>
        [.. t.Steps.OfType<DeviceOutputStep>().Select(o => (o.Time, Encoding.UTF8.GetString(o.Data)))];

    [Test]
    public void OutputIsTimedFromThePowerOnAndAfterASendFromTheSend()
    {
        using var run = new RunFolder();
        run.PlanStart(1, "UART-01").Power(10, "off")
            .Console(600, "\r\n")            // the device printed before the switch journaled "on"
            .Power(900, "on")
            .Console(1100, "U-Boot\r\n")
            .Console(3600, "# ")
            .Send(4000, "id\r")
            .Console(4010, "id\r\nuid=0(root)\r\n# ")
            .Event(4100, "run-end");

        ConsoleTranscript t = TranscriptExport.FromRun(run.Save());

        Assert.That(t.Steps[0], Is.InstanceOf<NoteStep>());
        Assert.That(((NoteStep)t.Steps[0]).Text, Does.Contain("2026-01-02T03:04:05Z").And.Contain("bench lab slot s1").And.Contain("rig transcript export"));
        Assert.That(t.Steps.Skip(1).Select(s => s.GetType().Name), Is.EqualTo(new[] { "DeviceOutputStep", "DeviceOutputStep", "DeviceOutputStep", "RigInputStep", "DeviceOutputStep" }));
        Assert.That(Outputs(t), Is.EqualTo(new[] { (0.0, "\r\n"), (0.5, "U-Boot\r\n"), (3.0, "# "), (0.01, "id\r\nuid=0(root)\r\n# ") }));
        Assert.That(t.Steps.OfType<RigInputStep>().Single().Text, Is.EqualTo("id\r"u8.ToArray()));
    }

    [Test]
    public void ARunStartsAtItsLastPowerOnAndAPlanAtItsOwn()
    {
        using var run = new RunFolder();
        run.PlanStart(1, "A").Power(10, "off").Power(100, "on").Console(200, "boot A\r\n").Send(300, "a").Console(310, "answer A")
            .PlanStart(900, "B").Power(1000, "off").Power(1100, "on").Console(1250, "boot B\r\n")
            .Event(2000, "run-end");
        string dir = run.Save();

        Assert.That(Outputs(TranscriptExport.FromRun(dir)), Is.EqualTo(new[] { (0.15, "boot B\r\n") }), "a replay plays one power-on: the last");
        Assert.That(Outputs(TranscriptExport.FromRun(dir, "A")), Is.EqualTo(new[] { (0.1, "boot A\r\n"), (0.01, "answer A") }));
        Assert.That(() => TranscriptExport.FromRun(dir, "C"),
            Throws.ArgumentException.With.Message.EqualTo($"{dir}: plan 'C' is not in this run (it ran: A, B)"));
    }

    [Test]
    public void WithoutAPowerOnTimesCountFromTheFirstEvent()
    {
        using var run = new RunFolder();
        run.Console(250, "already running\r\n").Send(300, "\r").Console(400, "# ");

        ConsoleTranscript t = TranscriptExport.FromRun(run.Save());

        Assert.That(Outputs(t), Is.EqualTo(new[] { (0.25, "already running\r\n"), (0.1, "# ") }));
        Assert.That(((NoteStep)t.Steps[0]).Text, Does.Contain("no power-on"));
    }

    [Test]
    public void ACharacterCutByAReadStaysTextAndRealBinaryBecomesBase64()
    {
        using var run = new RunFolder();
        run.Power(0, "on").Console(100, [.. "caf"u8, 0xC3]).Event(100.5, "match").Console(101, [0xA9, .. "\r\n"u8]).Console(200, [0xFF, 0x00]);
        run.Save();
        string file = run.File("out.jsonl");

        ConsoleTranscript exported = TranscriptExport.Export(run.Path, file);

        Assert.That(ConsoleTranscriptReader.Read(file).DeviceOutput(), Is.EqualTo(exported.DeviceOutput()));
        Assert.That(exported.DeviceOutput(), Is.EqualTo((byte[])[.. "café\r\n"u8, 0xFF, 0x00]));
        string[] lines = File.ReadAllLines(file);
        Assert.That(lines, Has.Some.EqualTo("""{"t":0.1,"rx":"caf"}"""));
        Assert.That(lines, Has.Some.EqualTo("""{"t":0.101,"rx":"é\r\n"}"""));
        Assert.That(lines, Has.Some.EqualTo("""{"t":0.2,"rx_b64":"/wA="}"""));
    }

    [Test]
    public void ADamagedRunFolderIsReportedNotGuessed()
    {
        using var run = new RunFolder();
        run.Power(0, "on").Console(100, "abc");
        string dir = run.Save(withRaw: false);

        Assert.That(() => TranscriptExport.FromRun(dir), Throws.ArgumentException.With.Message.EqualTo($"{dir}: the journal references console output but console.raw is missing"));

        File.WriteAllText(Path.Combine(dir, "console.raw"), "ab");
        Assert.That(() => TranscriptExport.FromRun(dir), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("console event 4 points outside console.raw (off 0, len 3)"));

        Assert.That(() => TranscriptExport.FromRun(run.File("nowhere")), Throws.ArgumentException.With.Message.Contain("not a run folder (no journal.jsonl)"));
    }

    [Test]
    public void ARealRunOfTheVirtualCameraExportsToATranscriptThatReplaysToTheSameConsoleAndVerdict()
    {
        using var dir = new TempDir();
        var (made, _, keyErr) = RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);
        Assert.That(made, Is.Zero, keyErr);
        const string address = "127.0.0.9";
        string profile = dir.Write("profile.yaml", $"profile: p\nmanufacturer: m\nmodel: x\naddress: {address}\n");
        string camera = dir.Write("camera.yaml", $"""
            bench: cam
            slots:
              v1:
                power:
                  backend: sim
                  personality: vcam-vulnerable
                  address: {address}
                  telnet_port: {TestDevice.FreePort(address)}
                  state: v1/flash
                  boot_scale: 0.05
                console:
                  path: v1/console
                cycle_off: 100ms
            """);

        var (recorded, recordOut, recordErr) = RigProcess.Run(dir.Path, "certify", "--bench", camera, "--slot", "v1", "--profile", profile,
            "--plan", "UART-01", "--out", dir["run1"], "--key", dir["k.pem"], "--state-root", dir["root"]);
        Assert.That(recorded, Is.EqualTo(1), recordErr);
        Assert.That(recordOut, Does.Contain("uid=0(root)"));

        TranscriptExport.Export(dir["run1"], dir["camera.jsonl"], "UART-01");
        string replay = dir.Write("replay.yaml", $"""
            bench: replay
            slots:
              r1:
                power:
                  backend: sim
                  personality: replay
                  transcript: {dir["camera.jsonl"]}
                  address: {address}
                  state: r1/flash
                  boot_scale: 0
                console:
                  path: r1/console
                cycle_off: 100ms
            """);
        var (replayed, replayOut, replayErr) = RigProcess.Run(dir.Path, "certify", "--bench", replay, "--slot", "r1", "--profile", profile,
            "--plan", "UART-01", "--out", dir["run2"], "--key", dir["k.pem"], "--state-root", dir["root"]);

        Assert.That(replayed, Is.EqualTo(1), () => $"{replayErr}\n--- transcript\n{File.ReadAllText(dir["camera.jsonl"])}\n--- replay device log\n{DeviceLog(dir, "r1")}");
        Assert.That(replayOut, Does.Contain("FAIL").And.Contain("id answered uid=0(root)"));
        Assert.That(File.ReadAllBytes(Path.Combine(dir["run2"], "console.raw")), Is.EqualTo(File.ReadAllBytes(Path.Combine(dir["run1"], "console.raw"))),
            "the replay printed exactly what the camera printed");
        Assert.That(File.ReadAllText(Path.Combine(dir["root"], "r1", "flash", "vdev.log")), Does.Contain("replay: end of camera.jsonl"));
    }

    private static string DeviceLog(TempDir dir, string slot)
    {
        string log = Path.Combine(dir["root"], slot, "flash", "vdev.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(none)";
    }
}
