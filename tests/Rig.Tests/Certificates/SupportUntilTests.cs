using Rig.Engine.Config;
using Rig.Engine.Profiles;

namespace Rig.Tests.Certificates;

/// <summary>A profile's support_until: a date, or an error naming file:line:col.</summary>
public class SupportUntilTests
{
    private const string Profile = "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.9\n";

    [Test]
    public void ADeclaredEndOfSupportIsRead()
    {
        using var dir = new TempDir();
        DeviceProfile p = ProfileLoader.Load(dir.Write("p.yaml", Profile + "support_until: 2029-12-31\n"), "p.yaml");
        Assert.That(p.SupportUntil, Is.EqualTo(new DateOnly(2029, 12, 31)));
        Assert.That(ProfileLoader.Load(dir.Write("q.yaml", Profile), "q.yaml").SupportUntil, Is.Null);
    }

    [TestCase("support_until: 31/12/2029", "p.yaml:5:16: support_until must be a date written YYYY-MM-DD (the last day of security support), not '31/12/2029'")]
    [TestCase("support_until: 2029-02-30", "p.yaml:5:16: support_until must be a date written YYYY-MM-DD (the last day of security support), not '2029-02-30'")]
    [TestCase("support_until: 1999-12-31", "p.yaml:5:16: support_until 1999-12-31 is not a plausible end of support (years 2000 to 2199)")]
    [TestCase("support_until: { year: 2029 }", "p.yaml:5:16: ")]
    public void ABadEndOfSupportNamesFileLineAndColumn(string line, string message)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => ProfileLoader.Load(dir.Write("p.yaml", Profile + line + "\n"), "p.yaml"))!;
        Assert.That(e.Message, Does.StartWith(message));
    }

    [Test]
    public void EveryVirtualCameraDeclaresItsSupportPeriod()
    {
        foreach (string name in new[] { "vcam-hardened", "vcam-partial", "vcam-vulnerable" })
        {
            using var dir = new TempDir();
            DeviceProfile p = ProfileLoader.Load(dir.WriteProfile(name + ".yaml", TestPaths.ProfileText(name)), name);
            Assert.That(p.SupportUntil, Is.Not.Null, name);
        }
    }
}
