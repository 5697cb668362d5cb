using System.Text;
using Rig.Formats.Transcripts;

namespace Rig.Tests.Transcripts;

/// <summary>The transcript file format: what the writer produces, what the reader accepts, and where it says a line is wrong.</summary>
public class TranscriptFormatTests
{
    private static ConsoleTranscript Parse(string text, string name = "t.jsonl") =>
        ConsoleTranscriptReader.Parse(Encoding.UTF8.GetBytes(text), name);

    private static string Write(Action<ConsoleTranscriptWriter> steps)
    {
        using var stream = new MemoryStream();
        using (var writer = new ConsoleTranscriptWriter(stream, leaveOpen: true))
        {
            steps(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Test]
    public void WriterAndReaderRoundTripTextBinaryInputsAndNotes()
    {
        byte[] binary = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        byte[] utf8 = Encoding.UTF8.GetBytes("Grüße \u202Eevil\u200B 日本 🙂 \"q\" \\ \x1b[31mred\x7f\r\n");
        string text = Write(w =>
        {
            w.Note("recorded on a bench");
            w.Output(0.5, "U-Boot 2016.01\r\nDRAM:  64 MiB\r\n"u8);
            w.Output(0.5, utf8);
            w.Output(1.25, binary);
            w.Input("id\r"u8);
            w.Output(0.001, "uid=0(root)\r\n# "u8);
            w.InputMatching(@"^q\r");
            w.Output(0, []);
        });

        ConsoleTranscript read = Parse(text);

        Assert.That(read.Steps.OfType<NoteStep>().Single().Text, Is.EqualTo("recorded on a bench"));
        byte[] expected = [.. "U-Boot 2016.01\r\nDRAM:  64 MiB\r\n"u8, .. utf8, .. binary, .. "uid=0(root)\r\n# "u8];
        Assert.That(read.DeviceOutput(), Is.EqualTo(expected));
        RigInputStep[] inputs = [.. read.Steps.OfType<RigInputStep>()];
        Assert.That(inputs[0].Text, Is.EqualTo("id\r"u8.ToArray()));
        Assert.That(inputs[1].Pattern, Is.EqualTo(@"^q\r"));
        double[] times = [.. read.Steps.OfType<DeviceOutputStep>().Select(o => o.Time)];
        Assert.That(times, Is.EqualTo(new[] { 0.5, 0.5, 0.5, 1.25, 1.25, 0.001, 0.001, 0 }), "split after each line feed, each piece keeps its chunk's time");
        Assert.That(read.Steps.Select(s => s.Line), Is.Ordered.And.Unique, "steps know their lines");
    }

    [Test]
    public void OutputIsOneReadableLinePerConsoleLineWithHostileCharactersEscaped()
    {
        string text = Write(w =>
        {
            w.Output(0.512, Encoding.UTF8.GetBytes("U-Boot 2016.01\r\nGrüße \u202Eabc\x1b[0m\r\n# "));
            w.Output(0.6, [0xff, 0xfe, 0x41]);
            w.Input("id\r"u8);
        });

        Assert.That(text.Split('\n'), Is.EqualTo(new[]
        {
            """{"t":0.512,"rx":"U-Boot 2016.01\r\n"}""",
            """{"t":0.512,"rx":"Grüße \u202eabc\u001b[0m\r\n"}""",
            """{"t":0.512,"rx":"# "}""",
            """{"t":0.6,"rx_b64":"//5B"}""",
            """{"tx":"id\r"}""",
            string.Empty,
        }));
    }

    [Test]
    public void TimesAfterATxRestartAndTimelessOutputFollowsAtOnce()
    {
        ConsoleTranscript t = Parse("""
            {"t":2.5,"rx":"a"}
            {"rx":"b"}

            {"tx":"x"}
            {"t":0.25,"rx":"c"}
            {"tx_match":"y+"}
            {"rx":"d"}
            """);

        Assert.That(t.Steps.OfType<DeviceOutputStep>().Select(o => (o.Time, Encoding.ASCII.GetString(o.Data))),
            Is.EqualTo(new[] { (2.5, "a"), (2.5, "b"), (0.25, "c"), (0.0, "d") }));
        Assert.That(t.Steps.Select(s => s.Line), Is.EqualTo(new[] { 1, 2, 4, 5, 6, 7 }), "blank lines are skipped but counted");
    }

    [Test]
    public void CrLfLineEndsAndAByteOrderMarkAreAccepted()
    {
        ConsoleTranscript t = ConsoleTranscriptReader.Parse([0xEF, 0xBB, 0xBF, .. "{\"t\":0,\"rx\":\"a\"}\r\n{\"note\":\"n\"}\r\n"u8], "bom.jsonl");

        Assert.That(t.DeviceOutput(), Is.EqualTo("a"u8.ToArray()));
        Assert.That(t.Steps, Has.Count.EqualTo(2));
    }

    [TestCase("{\"t\":0,\"rx\":\"a\"}\n{\"t\":1,\"rx\":\"b\",}\n", 2, 17, "not valid JSON")]
    [TestCase("{\"t\":0,\"rx\":\"a\"} {\"rx\":\"b\"}", 1, 18, "not valid JSON")]
    [TestCase("[1,2]", 1, 1, "expected a JSON object per line")]
    [TestCase("{\"t\":1,\"rxx\":\"a\"}", 1, 8, "unknown key 'rxx'")]
    [TestCase("{\"rx\":\"a\",\"rx\":\"b\"}", 1, 11, "'rx' given twice")]
    [TestCase("{\"t\":1,\"rx\":\"a\",\"rx_b64\":\"YQ==\"}", 1, 17, "'rx_b64' cannot share a line with 'rx'")]
    [TestCase("{\"t\":-1,\"rx\":\"a\"}", 1, 6, "t: -1 is outside 0 to")]
    [TestCase("{\"t\":\"1\",\"rx\":\"a\"}", 1, 6, "t: expected a number")]
    [TestCase("{\"t\":2,\"rx\":\"a\"}\n{\"t\":1.5,\"rx\":\"b\"}", 2, 6, "t: 1.5 is before the previous output's 2")]
    [TestCase("{\"t\":1,\"rx_b64\":\"@@@\"}", 1, 17, "rx_b64: not valid base64")]
    [TestCase("{\"rx\":42}", 1, 7, "rx: expected a string")]
    [TestCase("{\"rx\":\"\\ud800\"}", 1, 7, "rx: not valid text")]
    [TestCase("{\"t\":1,\"tx\":\"id\\r\"}", 1, 2, "t: only output (rx, rx_b64) has a time")]
    [TestCase("{\"tx\":\"\"}", 1, 7, "tx: must be 1 to 4096 bytes")]
    [TestCase("{\"tx_match\":\"(unclosed\"}", 1, 13, "tx_match: Invalid pattern")]
    [TestCase("{\"tx_match\":\"x*\"}", 1, 13, "tx_match: it matches empty input")]
    [TestCase("{}", 1, 1, "a step needs one of rx, rx_b64, tx, tx_match or note")]
    [TestCase("{\"note\":\"é\",\"zz\":1}", 1, 13, "unknown key 'zz'")]
    public void ABadLineIsReportedAsFileLineColumn(string text, int line, int column, string reason)
    {
        var e = Assert.Throws<TranscriptFormatException>(() => Parse(text, "boot.jsonl"));

        Assert.That((e!.File, e.Line, e.Column), Is.EqualTo(("boot.jsonl", line, column)), e.Message);
        Assert.That(e.Reason, Does.StartWith(reason));
        Assert.That(e.Message, Does.StartWith($"boot.jsonl:{line}:{column}: {reason}"));
        Assert.That(e.Message, Does.Not.Contain("\n").And.Not.Contain("LineNumber"), "one line, our position only");
    }

    [Test]
    public void AFileLargerThan64MiBIsRefusedBeforeParsing()
    {
        using var dir = new TempDir();
        string path = dir["huge.jsonl"];
        using (var f = new FileStream(path, FileMode.Create))
        {
            f.SetLength(ConsoleTranscript.MaxFileBytes + 1); // sparse: costs no disk
        }

        var e = Assert.Throws<TranscriptFormatException>(() => ConsoleTranscriptReader.Read(path));

        Assert.That(e!.Message, Is.EqualTo($"{path}: larger than 64 MiB; a transcript is a console log, not a disk image"));
        Assert.That(e.Line, Is.Zero);
    }

    [Test]
    public void AnEndlessDeviceIsRefusedBeforeAByteIsRead()
    {
        // /dev/zero never ends and claims length 0: only a regular file is read at all.
        var e = Assert.Throws<TranscriptFormatException>(() => ConsoleTranscriptReader.Read("/dev/zero", "zero"));

        Assert.That(e!.Message, Does.StartWith("zero: not a regular file"));
    }

    [Test]
    public void TheWriterRefusesWhatTheReaderWouldRefuse()
    {
        using var stream = new MemoryStream();
        using var w = new ConsoleTranscriptWriter(stream);
        w.Output(2, "a"u8);

        Assert.That(() => w.Output(1, "b"u8), Throws.InstanceOf<ArgumentOutOfRangeException>(), "time going back");
        Assert.That(() => w.Output(double.NaN, "b"u8), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => w.Input([]), Throws.ArgumentException);
        Assert.That(() => w.Input([0xff]), Throws.ArgumentException, "the rig types text");
        Assert.That(() => w.InputMatching("a|"), Throws.ArgumentException, "matches empty input");
    }

    [Test]
    public void WriteFileReplacesTheFileWhole()
    {
        using var dir = new TempDir();
        string path = dir.Write("x.jsonl", "old content that is not a transcript");
        var transcript = new ConsoleTranscript([new NoteStep("n"), new DeviceOutputStep(1, "hello\r\n"u8.ToArray())]);

        ConsoleTranscriptWriter.WriteFile(path, transcript);

        Assert.That(File.ReadAllText(path), Is.EqualTo("{\"note\":\"n\"}\n{\"t\":1,\"rx\":\"hello\\r\\n\"}\n"));
        Assert.That(Directory.GetFiles(dir.Path), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public void ATxStepIsReleasedByItsExactTextAnywhereInTheInputAndConsumesThroughIt()
    {
        RigInputStep exact = RigInputStep.Exactly("id\r"u8);
        RigInputStep pattern = RigInputStep.Matching(@"^\x20");

        Assert.That(exact.MatchEnd("i"u8), Is.EqualTo(-1));
        Assert.That(exact.MatchEnd("ix\r"u8), Is.EqualTo(-1), "a wrong input does not release it");
        Assert.That(exact.MatchEnd("\rid\r"u8), Is.EqualTo(4));
        Assert.That(pattern.MatchEnd("q "u8), Is.EqualTo(-1));
        Assert.That(pattern.MatchEnd(" q"u8), Is.EqualTo(1));
        Assert.That(RigInputStep.Matching("\xe9").MatchEnd([0xe9]), Is.EqualTo(1), "patterns see input as Latin-1: one char per byte");
    }
}
