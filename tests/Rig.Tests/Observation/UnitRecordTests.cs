using Rig.Engine.Config;
using Rig.Engine.Profiles;

namespace Rig.Tests.Observation;

/// <summary>The lab's record of a unit: read from its file, refused with file:line:column, its secrets never printed.</summary>
public class UnitRecordTests
{
    [Test]
    public void AUnitFileGivesTheLabelPasswordAndTheCanaries()
    {
        using var dir = new TempDir();
        string file = dir.Write("unit.yaml", """
            serial: VCAM1-0042
            mac: 02:00:7f:00:00:02
            console_password: 7kPq2mXa9Rtz
            canaries: [ canary-wifi-3f9c1e, second-canary ]
            """);

        UnitRecord record = UnitRecord.Load(file);

        Assert.That(record.Serial, Is.EqualTo("VCAM1-0042"));
        Assert.That(record.ConsolePassword, Is.EqualTo("7kPq2mXa9Rtz"));
        Assert.That(record.Canaries, Is.EqualTo(new[] { "canary-wifi-3f9c1e", "second-canary" }));
        Assert.That(record.ToString(), Does.Not.Contain("7kPq2mXa9Rtz").And.Not.Contain("canary-wifi"), "a record printed by mistake keeps its secrets");
    }

    [TestCase("canaries: [ short ]", 1, 11, "canary of 5 characters is shorter than 6")]
    [TestCase("console_password: ''", 1, 19, "console_password is empty")]
    [TestCase("label: x", 1, 1, "label")]
    public void ABadUnitFileIsRefusedWithFileLineAndColumn(string yaml, int line, int column, string reason)
    {
        using var dir = new TempDir();
        string file = dir.Write("unit.yaml", yaml + "\n");
        var e = Assert.Throws<ConfigException>(() => UnitRecord.Load(file))!;
        Assert.That((e.Line, e.Column), Is.EqualTo((line, column)), e.Message);
        Assert.That(e.Message, Does.Contain(reason));
    }
}
