namespace Rig.Tests.Cli;

/// <summary>Bad input gets one line naming file, line and column (or the flag or slot), exit code 2, and no stack trace.</summary>
public class BadInputTests
{
    private static void AssertOneLine(string stderr, string startsWith)
    {
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Does.StartWith(startsWith));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void MalformedPlan()
    {
        using var dir = new TempDir();
        string plan = dir.Write("broken.yaml", "plan: X-1\ntitle: x\ninitial: a\nstates:\n  a:\n    on:\n      - console: 'login(['\n        goto: a\n");
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "plans", "validate", plan);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, $"{plan}:7:18: bad pattern");
    }

    [Test]
    public void MalformedBenchYaml()
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", "bench: b\nslots:\n  s1:\n    power: { backend: sim\n    console: x\n");
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "power", "state", "s1", "--bench", bench);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, $"{bench}:");
        Assert.That(stderr, Does.Match(@":\d+:\d+: YAML syntax"));
    }

    [Test]
    public void BenchWithUnknownBackend()
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", "bench: b\nslots:\n  s1:\n    power:\n      backend: zigbee\n    console:\n      path: c\n");
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "power", "state", "s1", "--bench", bench);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, $"{bench}:5:16: unknown power backend 'zigbee'");
    }

    [Test]
    public void MalformedProfile()
    {
        using var dir = new TempDir();
        string profile = dir.Write("profile.yaml", "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.999\n");
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "certify", "--slot", "slot1", "--profile", profile, "--out", dir["out"], "--key", dir["none.pem"]);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, $"{profile}:4:10: '127.0.0.999' is not an IP address");
    }

    [Test]
    public void UnknownSlotIsNamed()
    {
        using var dir = new TempDir();
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "power", "state", "slot9");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, "rig: bench 'virtual' (testplans/benches/virtual.yaml) has no slot 'slot9'; its slots: slot1, slot2");
    }

    [Test]
    public void UnknownFlagIsNamed()
    {
        using var dir = new TempDir();
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "demo", "--out", dir.Path, "--turbo");
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, "rig: ");
        Assert.That(stderr, Does.Contain("--turbo"));
    }

    [Test]
    public void SigningKeyReadableByOthersIsRefused()
    {
        using var dir = new TempDir();
        var (made, _, _) = RigProcess.Run(dir.Path, "keys", "new", "--private", dir["lab.key.pem"], "--public", dir["lab.pub.pem"]);
        Assert.That(made, Is.EqualTo(0));
        Assert.That(File.GetUnixFileMode(dir["lab.key.pem"]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        File.SetUnixFileMode(dir["lab.key.pem"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (exit, _, stderr) = RigProcess.Run(dir.Path, "certify", "--slot", "slot1", "--profile", "vcam-vulnerable", "--out", dir["out"], "--key", dir["lab.key.pem"]);
        Assert.That(exit, Is.EqualTo(2));
        AssertOneLine(stderr, "rig: ");
        Assert.That(stderr, Does.Contain("lab.key.pem").And.Contain("0644"));
        Assert.That(Directory.Exists(dir["out"]), Is.False, "nothing runs with a key that others can read");
    }
}
