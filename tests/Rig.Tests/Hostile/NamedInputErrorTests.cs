using Rig.Cli.Composition;
using Rig.Engine.Bench;
using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Tests.Hostile;

/// <summary>Errors in what a lab gives rig name the file, line and column, whichever file it is, and a value is checked where it is read.</summary>
public class NamedInputErrorTests
{
    private const string Plan = "plan: T-1\ntitle: t\ninitial: a\nstates:\n  a:\n    enter:\n      - credentials: { service: telnet, list: lists/bad.txt }\n    on:\n      - result: found\n        goto: a\n      - result: none\n        goto: a\n      - result: closed\n        goto: a\n";

    [Test]
    public void AWordListWithInvalidUtf8NamesThePlanLineAndTheListsLineAndColumn()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["lists"]);
        File.WriteAllBytes(dir["lists/bad.txt"], [.. "# Source: test\nroot:root\nadmin:"u8, 0xFF, .. "x\n"u8]);
        string plan = dir.Write("p.yaml", Plan);

        var e = Assert.Throws<ConfigException>(() => PlanLoader.Load(plan, "p.yaml"))!;

        Assert.That(e.Message, Is.EqualTo("p.yaml:7:47: word list lists/bad.txt:3:7: not valid UTF-8"));
    }

    [TestCase("NaN")]
    [TestCase(".nan")]
    [TestCase(".inf")]
    [TestCase("-.inf")]
    [TestCase("Infinity")]
    [TestCase("1e309")]
    [TestCase("101")]
    public void ABootScaleThatIsNotAFiniteNumberInRangeIsRefusedWhereItIsWritten(string value)
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", $"bench: b\nslots:\n  s:\n    power:\n      backend: sim\n      personality: vcam-vulnerable\n      state: s/flash\n      boot_scale: {value}\n    console:\n      path: s/console\n");

        var e = Assert.Throws<ConfigException>(() => BenchLoader.Load(bench, dir["state"], DriverFactory.Bench, "bench.yaml"))!;

        Assert.That(e.Message, Is.EqualTo($"bench.yaml:8:19: 'boot_scale' must be a number from 0 to 100, not '{value}'"));
    }

    [TestCase("0s", "start_limit 0s: give a time above zero and at most 10m")]
    [TestCase("11m", "start_limit 11m: give a time above zero and at most 10m")]
    [TestCase("soon", "'start_limit': bad duration 'soon' (use e.g. 500ms, 90s, 5m, 1h)")]
    public void AVirtualDevicesStartLimitIsATimeInRange(string value, string message)
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", $"bench: b\nslots:\n  s:\n    power:\n      backend: sim\n      personality: vcam-vulnerable\n      state: s/flash\n      start_limit: {value}\n    console:\n      path: s/console\n");

        var e = Assert.Throws<ConfigException>(() => BenchLoader.Load(bench, dir["state"], DriverFactory.Bench, "bench.yaml"))!;

        Assert.That(e.Message, Is.EqualTo($"bench.yaml:8:20: {message}"));
    }

    [Test]
    public void InvalidUtf8InYamlIsPlacedAtItsLineAndColumn()
    {
        using var dir = new TempDir();
        string file = dir.File("lab.yaml");
        File.WriteAllBytes(file, [.. "lab: L\naddress: A"u8, 0xC0, .. "\nsigner: S\n"u8]);

        var e = Assert.Throws<ConfigException>(() => YamlFile.Load(file, "lab.yaml"))!;

        Assert.That(e.Message, Is.EqualTo("lab.yaml:2:11: not valid UTF-8"));
    }

    [Test]
    public void AFifoIsRefusedWithoutWaitingForAWriter()
    {
        using var dir = new TempDir();
        string fifo = dir.File("bench.yaml");
        HostileInputs.Structural("bench", []).Single(s => s.Name == "fifo").Make(fifo);

        var e = Assert.Throws<ConfigException>(() => YamlFile.Load(fifo, "bench.yaml"))!;

        Assert.That(e.Message, Is.EqualTo("bench.yaml:1:1: not a regular file (a FIFO, device or socket is refused)"));
    }

    [TestCase("a: [" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "nested more than 64 levels deep")]
    [TestCase("a: &a [x, x]\nb: &b [*a, *a]\nc: *c\n", "")]
    [TestCase("x: &k [1]\n? *k\n: 2\n", "an alias (*name) cannot be a key")]
    [TestCase("a: &x [1, *x]\n", "refers to the node it is inside of")]
    public void YamlBombsAreRefusedBeforeTheNodeTreeIsBuilt(string yaml, string reason)
    {
        using var dir = new TempDir();
        string file = dir.Write("bomb.yaml", yaml);

        var e = Assert.Throws<ConfigException>(() => YamlFile.Load(file, "bomb.yaml"))!;

        Assert.That(e.Message, Does.Match(@"^bomb\.yaml:\d+:\d+: ").And.Contain(reason));
    }
}
