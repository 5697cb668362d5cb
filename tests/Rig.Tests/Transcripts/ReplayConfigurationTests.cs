using Rig.Cli.Composition;
using Rig.Drivers.Power;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.VirtualDevice;

namespace Rig.Tests.Transcripts;

/// <summary>How a replay is asked for: a bench's sim slot with personality replay, and rig-vdev's command line.</summary>
public class ReplayConfigurationTests
{
    private static string Bench(string power) => $"""
        bench: replay
        slots:
          r1:
            power:
              backend: sim
        {power}
              state: r1/flash
            console:
              path: r1/console
        """;

    [Test]
    public void ABenchReplaysATranscriptRelativeToTheStateRootOrAbsolute()
    {
        using var dir = new TempDir();
        string relative = dir.Write("bench.yaml", Bench("      personality: replay\n      transcript: logs/panic.jsonl\n      boot_scale: 0"));
        string absolute = dir.Write("abs.yaml", Bench("      personality: replay\n      transcript: /srv/lab/panic.jsonl"));

        var rel = (SimPowerOptions)BenchLoader.Load(relative, dir["root"], DriverFactory.Bench).Slots["r1"].Power;
        var abs = (SimPowerOptions)BenchLoader.Load(absolute, dir["root"], DriverFactory.Bench).Slots["r1"].Power;

        Assert.That(rel.Transcript, Is.EqualTo(Path.Combine(dir["root"], "logs", "panic.jsonl")));
        Assert.That(rel.Personality, Is.EqualTo("replay"));
        Assert.That(rel.BootScale, Is.Zero);
        Assert.That(abs.Transcript, Is.EqualTo("/srv/lab/panic.jsonl"));
        Assert.That(new SimPowerSwitch(abs).Describe, Is.EqualTo("sim replay of panic.jsonl"));
    }

    [TestCase("      personality: replay", 6, 20, "personality replay needs 'transcript: FILE' (a recorded console transcript)")]
    [TestCase("      personality: vcam-hardened\n      transcript: x.jsonl", 7, 19, "a transcript is played by 'personality: replay', not 'vcam-hardened'")]
    public void AMismatchedPersonalityAndTranscriptIsAPositionedError(string power, int line, int column, string reason)
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", Bench(power));

        var e = Assert.Throws<ConfigException>(() => BenchLoader.Load(bench, dir.Path, DriverFactory.Bench));

        Assert.That((e!.Line, e.Column, e.Reason), Is.EqualTo((line, column, reason)), e.Message);
    }

    [Test]
    public void RigVdevTakesReplayInsteadOfAPersonality()
    {
        VdevOptions o = VdevOptions.Parse(["--replay", "boot.jsonl", "--console", "/tmp/c", "--state", "/tmp/s", "--boot-scale", "0"])!;

        Assert.That(o.ReplayPath, Is.EqualTo(Path.GetFullPath("boot.jsonl")));
        Assert.That(o.Personality, Is.SameAs(Personality.Replay));
        Assert.That(o.BootScale, Is.Zero);
        Assert.That(VdevOptions.Usage, Does.Contain("--replay FILE"));
    }

    [TestCase(new[] { "--replay", "b.jsonl", "--personality", "vcam-vulnerable", "--console", "c", "--state", "s" }, "--personality: 'vcam-vulnerable' cannot be combined with --replay")]
    [TestCase(new[] { "--replay", "b.jsonl", "--telnet-port", "23", "--console", "c", "--state", "s" }, "--telnet-port: a replay has no network")]
    [TestCase(new[] { "--personality", "replay", "--console", "c", "--state", "s" }, "--personality replay needs --replay FILE")]
    [TestCase(new[] { "--replay", "", "--console", "c", "--state", "s" }, "--replay is required")]
    public void RigVdevRefusesAReplayMixedWithCameraFlags(string[] args, string message)
    {
        Assert.That(() => VdevOptions.Parse(args), Throws.InstanceOf<UsageException>().With.Message.StartWith(message));
    }

    [Test]
    public void TheCameraPersonalitiesParseAsBefore()
    {
        VdevOptions o = VdevOptions.Parse(["--personality", "vcam-hardened", "--console", "c", "--state", "s"])!;

        Assert.That(o.Personality, Is.SameAs(Personality.Hardened));
        Assert.That(o.ReplayPath, Is.Null);
    }
}
