using System.Text;
using Rig.Formats.Transcripts;
using Rig.Tests.Support;

namespace Rig.Tests.Transcripts;

/// <summary>The transcripts shipped in testplans/transcripts: valid, small, documented, and showing what their names promise.</summary>
public class ShippedTranscriptTests
{
    private static readonly string[] Names =
    [
        "vcam-vulnerable-boot", "vcam-hardened-boot", "kernel-panic-boot", "watchdog-reset", "oops-in-shell", "more-pager", "slow-uboot",
    ];

    private static string FileOf(string name) => Path.Combine(TestPaths.TestPlans, "transcripts", name + ".jsonl");

    private static ConsoleTranscript Load(string name) => ConsoleTranscriptReader.Read(FileOf(name));

    private static string Output(ConsoleTranscript t) => Encoding.UTF8.GetString(t.DeviceOutput());

    [Test]
    public void EveryShippedTranscriptIsListedHere()
    {
        string[] shipped = [.. Directory.GetFiles(Path.Combine(TestPaths.TestPlans, "transcripts"), "*.jsonl").Select(Path.GetFileNameWithoutExtension).Order()!];

        Assert.That(shipped, Is.EquivalentTo(Names));
    }

    [TestCaseSource(nameof(Names))]
    public void ItReadsStartsWithANoteAndIsSmall(string name)
    {
        ConsoleTranscript t = Load(name);

        Assert.That(t.Steps[0], Is.InstanceOf<NoteStep>(), "the first line says what it is");
        Assert.That(t.Steps.OfType<NoteStep>().Select(n => n.Text), Has.Some.Contain("rig transcript export"), "a note says where it came from");
        Assert.That(new FileInfo(FileOf(name)).Length, Is.LessThan(16 * 1024), "a boot log of realistic shape, not megabytes");
        Assert.That(Output(t), Does.StartWith("\r\n\r\nU-Boot 2016.01 ("));
    }

    [Test]
    public void RecordedBootsEndAtARootShellThatAnswersIdOrAtALoginPrompt()
    {
        ConsoleTranscript vulnerable = Load("vcam-vulnerable-boot");
        Assert.That(vulnerable.Steps.OfType<RigInputStep>().Select(i => Encoding.UTF8.GetString(i.Text!)), Is.EqualTo(new[] { "\r", "id\r" }));
        Assert.That(Output(vulnerable), Does.EndWith("# id\r\nuid=0(root) gid=0(root) groups=0(root)\r\n# "));

        ConsoleTranscript hardened = Load("vcam-hardened-boot");
        Assert.That(Output(hardened), Does.EndWith("vcam login: \r\nvcam login: ").And.Not.Contain("\r\n# "));
    }

    [Test]
    public void TheKernelPanicIsTheLastThingPrinted()
    {
        ConsoleTranscript t = Load("kernel-panic-boot");

        Assert.That(t.Steps.OfType<RigInputStep>(), Is.Empty);
        Assert.That(Output(t), Does.Match(@"\] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block\(31,2\)\r\n$"));
    }

    [Test]
    public void TheWatchdogResetFollowsTheAnswerToIdAndTheBannerComesAgain()
    {
        string output = Output(Load("watchdog-reset"));

        int answer = output.IndexOf("uid=0(root)", StringComparison.Ordinal);
        int reset = output.IndexOf("watchdog timeout", StringComparison.Ordinal);
        int banner = output.IndexOf("U-Boot 2016.01", reset, StringComparison.Ordinal);
        Assert.That(answer, Is.GreaterThan(0));
        Assert.That(reset, Is.GreaterThan(answer));
        Assert.That(banner, Is.GreaterThan(reset));
        Assert.That(output[banner..], Does.Contain("boot count 2"));
    }

    [Test]
    public void TheOopsLandsBetweenShellPrompts()
    {
        string output = Output(Load("oops-in-shell"));

        int oops = output.IndexOf("Unable to handle kernel NULL pointer dereference", StringComparison.Ordinal);
        Assert.That(output.LastIndexOf("# ", oops, StringComparison.Ordinal), Is.GreaterThan(0));
        Assert.That(output.IndexOf("Internal error: Oops: 17", oops, StringComparison.Ordinal), Is.GreaterThan(oops));
        Assert.That(output, Does.EndWith("\r\n# "));
    }

    [Test]
    public void TheAutobootCountdownTakesThreeSeconds()
    {
        DeviceOutputStep[] steps = [.. Load("slow-uboot").Steps.OfType<DeviceOutputStep>()];

        int start = Array.FindIndex(steps, s => Encoding.UTF8.GetString(s.Data).Contains("Hit any key to stop autoboot:  3", StringComparison.Ordinal));
        int end = Array.FindIndex(steps, s => Encoding.UTF8.GetString(s.Data).StartsWith("\b\b\b  0 ", StringComparison.Ordinal));
        Assert.That(end - start, Is.EqualTo(3));
        Assert.That(steps[end].Time - steps[start].Time, Is.EqualTo(3).Within(0.01));
    }

    [Test]
    public async Task ThePagerHoldsTheRestOfTheOutputUntilASpaceArrives()
    {
        await using ReplayDevice bench = ReplayDevice.ForFile(FileOf("more-pager"));
        await bench.PowerOnAsync();
        bench.WaitForText("built-in shell (ash)\r\n\r\n# ");

        await bench.SendAsync("cat /proc/mtd\r");
        bench.WaitForText("--More-- ");
        await bench.SendAsync("q");
        await Task.Delay(500);
        Assert.That(bench.Text, Does.EndWith("mtd1: 00280000 00010000 \"kernel\"\r\n--More-- "), "only a space pages on");

        await bench.SendAsync(" ");
        bench.WaitForText("\"appfs\"\r\n# ");
    }
}
