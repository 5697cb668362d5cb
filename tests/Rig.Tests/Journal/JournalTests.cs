using System.Text.Json;
using NUnit.Framework;
using Rig.Engine.Journal;

namespace Rig.Tests.Journal;

/// <summary>The typed journal: what the writer appends, the reader gives back, field for field; older and newer formats.</summary>
[TestFixture]
public sealed class JournalTests
{
    private static readonly JournalEvent[] OneOfEach =
    [
        new RunStartEvent(
            "2026-12-02T06:00:00Z",
            "0.1.0",
            new LabRecord("Lab", "1 Bench Street", null, "A. Tester", "Acme", "2026-11-30"),
            new BenchRecord("bench-1", "bench.yaml", new string('b', 64), "s1", "sim", "/dev/pts/3", "115200 8N1", "off"),
            new ProfileRecord("cam", "cam.yaml", new string('a', 64), "Acme", "Cam", "r2", "1.0", "SN1", null, "fw.bin", new string('c', 64), "127.0.0.2"),
            new RunScheme("baseline", "Baseline", "1", "EN 303 645", "scheme.yaml", new string('d', 64), "all provisions pass"),
            [new RunPlan("CRED-01", "No default password", "2", "plans/CRED-01.yaml", new string('e', 64), ["5.1-1"], [new PlanInputRecord("mirai.txt", new string('f', 64), "wordlists/mirai.txt")])]),
        new PlanStartEvent("s1", "CRED-01", "plans/CRED-01.yaml", new string('e', 64)),
        new PowerEvent("CRED-01", PowerEvent.On),
        new StateEvent("CRED-01", "boot"),
        new MatchEvent("CRED-01", "boot", "login:", "login:", 42, Taken: true),
        new DeathEvent("CRED-01", "boot", "Kernel panic", "Kernel panic - not syncing", 99),
        new ActionEvent("CRED-01", "sweep", "enter", "credentials telnet"),
        new ActionResultEvent("CRED-01", "credentials telnet", "found", [KeyValuePair.Create("user", "root"), KeyValuePair.Create("password", "xc3511")]),
        new SendEvent("CRED-01", [1, 2, 3]),
        new SendEvent("CRED-01", null, "password"),
        new TranscriptEvent("CRED-01", "telnet 127.0.0.2:23", TranscriptEvent.Sent, [65, 66]),
        new TranscriptEvent("CRED-01", "telnet 127.0.0.2:23", null, []),
        new ConsoleStatusEvent("s1", "open", "/dev/pts/3"),
        new InterruptEvent("CRED-01", 3000),
        new PowerCutEvent("CRED-01", 2, "write"),
        new NetEvent("CRED-01") { Connect = "127.0.0.2:23", Failed = "refused" },
        new NetEvent("CRED-01") { Sweep = "127.0.0.2:23", Parallel = 4, Because = "the plan asks for 4 sessions" },
        new ScanEvent("CRED-01", "127.0.0.2", 1000, "22,23", "23", 0, ""),
        new SecretsEvent("CRED-01", 0, 1),
        new UpdateEvent("CRED-01", "unsigned", "refused", "bad signature", "1.0", "1.0"),
        new WarningEvent("an action did not stop"),
        new VerdictEvent("CRED-01", "fail", "telnet accepted root:xc3511", RigFault: false, Path: ["boot", "sweep"]),
        new VerdictEvent("LOG-01", "not-applicable", "no log service", RigFault: false, NotApplicable: true),
        new VerdictEvent("UPD-01", "error", "skipped: the slot broke", RigFault: true, Skipped: true),
        new PlanAbortedEvent("UPD-01", "boot"),
        new SafeStateEvent("s1", "off"),
        new SafeStateFailedEvent("s1", "relay welded"),
        new RunEndEvent(Interrupted: false, SafeStateReached: true),
        new SchemeResultEvent("baseline", "does not conform", [new ProvisionRecord("5.1-1", "No universal default passwords", "not met", ["CRED-01 fail"])]),
    ];

    [Test]
    public void EveryEventReadsBackAsWritten()
    {
        using var dir = new TempDir();
        string path = dir["journal.jsonl"];
        using (var journal = new JournalWriter(path))
        {
            foreach (JournalEvent e in OneOfEach)
            {
                journal.Append(e);
            }

            journal.AppendConsoleChunk("s1", 4096, 512, 123_456_789);
        }

        RunJournal read = JournalReader.Read(path);
        Assert.That(read.Version, Is.EqualTo(JournalWriter.FormatVersion));
        Assert.That(read.Truncated, Is.False);
        Assert.That(read.Events[0], Is.TypeOf<JournalOpenedEvent>());
        Assert.That(read.Events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, OneOfEach.Length + 2).Select(i => (long)i)));
        JournalEvent[] body = [.. read.Events.Skip(1).Take(OneOfEach.Length)];
        for (int i = 0; i < OneOfEach.Length; i++)
        {
            Assert.That(Json(body[i]), Is.EqualTo(Json(OneOfEach[i])), $"event {i + 2} ({body[i].GetType().Name})");
        }

        var chunk = (ConsoleChunkEvent)read.Events[^1];
        Assert.That((chunk.Slot, chunk.Offset, chunk.Length, chunk.MonoNs), Is.EqualTo(("s1", 4096L, 512L, 123_456_789L)));
        Assert.That(read.RunStart!.Profile.FirmwareImage, Is.EqualTo("fw.bin"));
        Assert.That(read.SchemeResult!.Overall, Is.EqualTo("does not conform"));
        Assert.That(read.ForPlan<VerdictEvent>("UPD-01").Single().Skipped, Is.True);
    }

    [Test]
    public void TheOnDiskNamesAreTheDocumentedOnes()
    {
        using var dir = new TempDir();
        string path = dir["journal.jsonl"];
        using (var journal = new JournalWriter(path))
        {
            journal.Append(new VerdictEvent("UPD-01", "error", "skipped", RigFault: true, Skipped: true));
            journal.AppendConsoleChunk("s1", 7, 3, 5);
        }

        string[] lines = File.ReadAllLines(path);
        Assert.That(lines[0], Does.Match("""^\{"seq":1,"mono_ns":\d+,"ev":"journal","version":2,"utc":"[^"]+"\}$"""));
        Assert.That(lines[1], Does.Match("""^\{"seq":2,"mono_ns":\d+,"ev":"verdict","plan":"UPD-01","verdict":"error","reason":"skipped","rig_fault":true,"skipped":true\}$"""));
        Assert.That(lines[2], Is.EqualTo("""{"seq":3,"mono_ns":5,"ev":"console","slot":"s1","off":7,"len":3}"""));
    }

    [Test]
    public void AJournalOfTheFirstFormatIsRead()
    {
        using var dir = new TempDir();
        string path = dir.Write("journal.jsonl", """
            {"seq":1,"mono_ns":10,"ev":"journal","version":1,"utc":"2026-11-01T00:00:00.0000000Z"}
            {"seq":2,"mono_ns":20,"ev":"plan-start","slot":"s1","plan":"P","file":"p.yaml","sha256":"00"}
            {"seq":3,"mono_ns":30,"ev":"net","plan":"P","connect":"127.0.0.2:22","ssh_user":"root","outcome":"refused","detail":null}
            {"seq":4,"mono_ns":40,"ev":"verdict","plan":"P","verdict":"pass","reason":"ok","rig_fault":false,"path":["a"]}
            {"seq":5,"mono_ns":50,"ev":"something-new","x":1}
            {"seq":6,"mono_ns":60,"ev":"run-end","interrupted":false,"safe_state_reached":true}
            {"seq":7,"mono_ns":70,"ev":"ver
            """);

        RunJournal read = JournalReader.Read(path);
        Assert.That(read.Version, Is.EqualTo(1));
        Assert.That(read.Truncated, Is.True);
        Assert.That(read.Events.Select(e => e.GetType().Name), Is.EqualTo(new[] { "JournalOpenedEvent", "PlanStartEvent", "NetEvent", "VerdictEvent", "UnknownEvent", "RunEndEvent" }));
        Assert.That(((NetEvent)read.Events[2]).Detail, Is.Null);
        Assert.That(read.ForPlan<VerdictEvent>("P").Single().Path, Is.EqualTo(new[] { "a" }));
        Assert.That(read.EndNs, Is.EqualTo(60));
    }

    [Test]
    public void AJournalOfANewerFormatIsRefusedWithOneLine()
    {
        using var dir = new TempDir();
        string path = dir.Write("journal.jsonl", """
            {"seq":1,"mono_ns":10,"ev":"journal","version":99}
            {"seq":2,"mono_ns":20,"ev":"run-end"}
            """);

        var e = Assert.Throws<InvalidDataException>(() => JournalReader.Read(path))!;
        Assert.That(e.Message, Is.EqualTo($"{path}:1: journal format version 99; this rig reads versions up to {JournalWriter.FormatVersion} (a newer rig wrote it)"));
    }

    [Test]
    public void ALineInTheMiddleThatIsNotJsonNamesItsLine()
    {
        using var dir = new TempDir();
        string path = dir.Write("journal.jsonl", "{\"seq\":1,\"mono_ns\":1,\"ev\":\"journal\",\"version\":2}\nnot json\n{\"seq\":3,\"mono_ns\":3,\"ev\":\"run-end\"}\n");

        var e = Assert.Throws<InvalidDataException>(() => JournalReader.Read(path))!;
        Assert.That(e.Message, Does.StartWith($"{path}:2: not a journal line"));
    }

    [Test]
    public void AConsoleChunkAllocatesNothing()
    {
        using var dir = new TempDir();
        using var journal = new JournalWriter(dir["journal.jsonl"]);
        for (int i = 0; i < 64; i++)
        {
            journal.AppendConsoleChunk("s1", i * 16L, 16, i); // warm-up: the line buffer grows once
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            journal.AppendConsoleChunk("s1", i * 16L, 16, i);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static string Json(JournalEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            e.WriteFields(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
