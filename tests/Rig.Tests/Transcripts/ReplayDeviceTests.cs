using System.Text;
using Rig.Drivers.Power;
using Rig.Formats.Transcripts;
using Rig.Protocols;
using Rig.Tests.Support;

namespace Rig.Tests.Transcripts;

/// <summary>rig-vdev --replay through the sim power switch and the real serial console over a real pty.</summary>
public class ReplayDeviceTests
{
    [Test]
    public async Task AReplayIsByteExactAgainstTheTranscriptIncludingBinaryOutput()
    {
        byte[] binary = [.. Enumerable.Range(0, 256).Select(i => (byte)i), .. Enumerable.Range(0, 256).Select(i => (byte)(255 - i))];
        using var text = new MemoryStream();
        using (var w = new ConsoleTranscriptWriter(text, leaveOpen: true))
        {
            w.Note("binary and text");
            w.Output(0.1, Encoding.UTF8.GetBytes("U-Boot 2016.01\r\nGrüße \u202E\r\n\r\n\n\r"));
            w.Output(0.2, binary);
            w.Output(0.3, "\x1b[2J# "u8);
        }

        await using ReplayDevice bench = ReplayDevice.ForText(Encoding.UTF8.GetString(text.ToArray()), bootScale: 0.05);
        ConsoleTranscript transcript = ConsoleTranscriptReader.Read(bench.Options.Transcript!);
        await bench.PowerOnAsync();

        bench.WaitForBytes(transcript.DeviceOutput());
        Assert.That(bench.Power.Describe, Is.EqualTo("sim replay of replay.jsonl"));
    }

    [Test]
    public async Task AShippedBootReplaysExactlyAndTheDeviceStaysSilentAndPoweredAfterTheEnd()
    {
        string file = Path.Combine(TestPaths.TestPlans, "transcripts", "kernel-panic-boot.jsonl");
        await using ReplayDevice bench = ReplayDevice.ForFile(file, bootScale: 0.01);
        byte[] expected = ConsoleTranscriptReader.Read(file).DeviceOutput();

        await bench.PowerOnAsync();

        bench.WaitForBytes(expected);
        Assert.That(bench.Text, Does.EndWith("Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(31,2)\r\n"));
        bench.Listener.WaitUntil(() => bench.DeviceLog.Contains("replay: end of kernel-panic-boot.jsonl", StringComparison.Ordinal), "the end in the device log");

        // A dead kernel's UART still takes bytes: typing must neither block the rig nor wake the device.
        for (int i = 0; i < 64; i++)
        {
            await bench.SendAsync(new string('x', 1000) + "\r");
        }

        Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.On));
        Assert.That(bench.Console.IsOpen, Is.True, "the device still holds its pty");
        Assert.That(bench.Listener.Bytes(), Is.EqualTo(expected), "nothing echoed, nothing more printed");
    }

    [Test]
    public async Task ATxStepHoldsOutputUntilItsExactInputArrivesAndAWrongInputDoesNotReleaseIt()
    {
        await using ReplayDevice bench = ReplayDevice.ForText("""
            {"t":0,"rx":"# "}
            {"tx":"id\r"}
            {"t":0,"rx":"id\r\nuid=0(root)\r\n# "}
            {"tx_match":"^\\s*reboot\\r"}
            {"rx":"rebooting\r\n"}
            """);
        await bench.PowerOnAsync();
        bench.WaitForText("# ");

        await bench.SendAsync("ix\r");
        await Task.Delay(500); // time the device would need to answer if the input had released it
        Assert.That(bench.Text, Is.EqualTo("# "), "a wrong input releases nothing, and nothing is echoed");

        await bench.SendAsync("id\r");
        bench.WaitForText("uid=0(root)\r\n# ");
        Assert.That(bench.Text, Is.EqualTo("# id\r\nuid=0(root)\r\n# "));

        await bench.SendAsync("xreboot\r");
        await Task.Delay(500);
        Assert.That(bench.Text, Does.Not.Contain("rebooting"), "the pattern is anchored at the start of the unconsumed input");

        await using (var second = ReplayDevice.ForText("""{"tx_match":"^\\s*reboot\\r"}""" + "\n" + """{"rx":"rebooting\r\n"}"""))
        {
            await second.PowerOnAsync();
            await second.SendAsync("  reboot\r");
            second.WaitForText("rebooting\r\n");
        }

        Assert.That(bench.DeviceLog, Does.Contain("replay: line 2: waiting for tx \"id\\r\"").And.Contain("replay: line 4: waiting for tx_match /^\\s*reboot\\r/"));
    }

    [Test]
    public async Task AFloodOfOtherInputWhileWaitingStaysBoundedAndTheAwaitedInputStillReleasesTheStep()
    {
        await using ReplayDevice bench = ReplayDevice.ForText("""
            {"t":0,"rx":"# "}
            {"tx":"id\r"}
            {"rx":"uid=0(root)\r\n"}
            """);
        await bench.PowerOnAsync();
        bench.WaitForText("# ");

        for (int i = 0; i < 32; i++)
        {
            await bench.SendAsync(new string('x', 8192)); // 256 KiB: four times the device's input window
        }

        await bench.SendAsync("id\r");
        bench.WaitForText("uid=0(root)\r\n");
        Assert.That(bench.Text, Is.EqualTo("# uid=0(root)\r\n"));
    }

    [Test]
    public void PendingInputKeepsOnlyTheNewestBytesOfAFlood()
    {
        var input = new Rig.VirtualDevice.PendingInput(8);
        input.Append("abc"u8);
        input.Append("defghij"u8);
        Assert.That(input.Bytes.ToArray(), Is.EqualTo("cdefghij"u8.ToArray()));

        input.Append("0123456789"u8);
        Assert.That(input.Bytes.ToArray(), Is.EqualTo("23456789"u8.ToArray()));

        input.Consume(3);
        Assert.That(input.Bytes.ToArray(), Is.EqualTo("56789"u8.ToArray()));
    }

    [Test]
    public async Task TimesAreScaledByTheBootScaleAndCountFromTheInputAfterATx()
    {
        await using ReplayDevice bench = ReplayDevice.ForText("""
            {"t":0,"rx":"A"}
            {"t":2,"rx":"B"}
            {"tx":"go"}
            {"t":2,"rx":"C"}
            """, bootScale: 0.25);
        await bench.PowerOnAsync();
        bench.WaitForText("AB");
        await Task.Delay(1000); // longer than B's 0.5 s: C must still wait for the input, whatever the clock says
        Assert.That(bench.Text, Is.EqualTo("AB"));

        await bench.SendAsync("go");
        bench.WaitForText("ABC");

        long[] t = bench.Listener.ChunkTimes();
        Assert.That(t, Has.Length.EqualTo(3), "one chunk per step here: they are far apart");
        Assert.That(TimeSpan.FromTicks((t[1] - t[0]) / 100), Is.GreaterThan(TimeSpan.FromSeconds(0.3)), "B comes 2 s x 0.25 after A (lower bound only)");
    }

    [Test]
    public async Task ABadTranscriptFailsThePowerOnWithItsFileLineAndColumn()
    {
        await using ReplayDevice bench = ReplayDevice.ForText("{\"t\":0,\"rx\":\"ok\"}\n{\"t\":1,\"rx\":\"b\",\"oops\":1}\n");

        var e = Assert.ThrowsAsync<RigFaultException>(bench.PowerOnAsync);

        Assert.That(e!.Message, Does.StartWith("sim replay of replay.jsonl: the virtual device stopped during start-up (exit code 1)"));
        Assert.That(e.Message, Does.Contain($"{bench.Options.Transcript}:2:17: unknown key 'oops'"));
        Assert.That(await bench.Power.GetStateAsync(CancellationToken.None), Is.EqualTo(PowerState.Off));
    }

    [Test]
    public async Task AMissingTranscriptFailsThePowerOnNamingTheFile()
    {
        await using ReplayDevice bench = ReplayDevice.ForFile("/nonexistent/boot.jsonl");

        var e = Assert.ThrowsAsync<RigFaultException>(bench.PowerOnAsync);

        Assert.That(e!.Message, Does.Contain("/nonexistent/boot.jsonl"));
    }

    [Test]
    public void TheSwitchAcceptsATranscriptOnlyWithThePersonalityReplay()
    {
        var replay = new SimPowerOptions("replay", "/tmp/c", "/tmp/s", Transcript: "/x/kernel-panic.jsonl");

        Assert.That(new SimPowerSwitch(replay).Describe, Is.EqualTo("sim replay of kernel-panic.jsonl"));
        Assert.That(() => new SimPowerSwitch(replay with { Personality = "vcam-vulnerable" }),
            Throws.ArgumentException.With.Message.Contain("a transcript is replayed by personality 'replay', not 'vcam-vulnerable'"));
        Assert.That(() => new SimPowerSwitch(replay with { Transcript = null }),
            Throws.ArgumentException.With.Message.Contain("personality 'replay' needs a transcript file"));
    }

    [Test]
    public void TheLauncherStartsAReplayWithoutNetworkFlags()
    {
        var options = new SimPowerOptions("replay", "/tmp/c", "/tmp/s", BootScale: 0, Transcript: "/x/t.jsonl");

        Assert.That(VirtualDeviceLauncher.Arguments(options), Is.EqualTo(new[] { "--replay", "/x/t.jsonl", "--console", "/tmp/c", "--state", "/tmp/s", "--boot-scale", "0" }));
    }
}
