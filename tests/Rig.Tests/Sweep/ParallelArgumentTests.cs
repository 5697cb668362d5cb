using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;

namespace Rig.Tests.Sweep;

/// <summary>The credentials action's <c>parallel:</c> argument and the profile's <c>concurrent_logins</c> that bounds it.</summary>
public class ParallelArgumentTests
{
    private const string Header = "plan: T-1\ntitle: t\ninitial: a\nstates:\n  a:\n    enter:\n";

    private const string Results = "    on:\n      - result: found\n        goto: a\n      - result: none\n        goto: a\n      - result: closed\n        goto: a\n";

    private static CredentialsAction Load(TempDir dir, string arguments)
    {
        File.WriteAllText(dir.File("l.txt"), "root:root\n");
        string path = dir.Write("p.yaml", Header + $"      - credentials: {{ service: telnet, list: l.txt{arguments} }}\n" + Results);
        return (CredentialsAction)PlanLoader.Load(path, "p.yaml").States["a"].Enter[0].Action;
    }

    [TestCase("", 1, "credentials telnet (1 pairs)")]
    [TestCase(", parallel: 4", 4, "credentials telnet (1 pairs, up to 4 at once)")]
    public void ParallelIsReadAndShownInTheDrawingAndDefaultsToOne(string argument, int parallel, string drawn)
    {
        using var dir = new TempDir();
        CredentialsAction action = Load(dir, argument);
        Assert.That(action.Parallel, Is.EqualTo(parallel));
        Assert.That(action.Describe, Is.EqualTo(drawn));
    }

    [Test]
    public void Cred01StillSweepsOnePairAtATime()
    {
        var cred01 = (CredentialsAction)PlanLoader.Load(TestPaths.Plan("CRED-01")).States["sweep"].Enter[0].Action;
        Assert.That(cred01.Parallel, Is.EqualTo(1));
    }

    [TestCase("0")]
    [TestCase("65")]
    [TestCase("many")]
    [TestCase("2.5")]
    public void ABadParallelNamesFileLineAndColumn(string value)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Load(dir, $", parallel: {value}"))!;
        string line = File.ReadAllLines(dir.File("p.yaml"))[6];
        int column = line.IndexOf($"parallel: {value}", StringComparison.Ordinal) + "parallel: ".Length + 1;
        Assert.That(e.Message, Is.EqualTo($"p.yaml:7:{column}: 'parallel' must be a whole number from 1 to 64, not '{value}'"));
    }

    private static DeviceProfile Profile(TempDir dir, string services) =>
        ProfileLoader.Load(dir.Write("p.yaml", "profile: p\nmanufacturer: m\nmodel: x\naddress: 127.0.0.9\nservices:\n" + services), "p.yaml");

    [Test]
    public void TheProfileDeclaresConcurrentLoginsPerServiceAndPort()
    {
        using var dir = new TempDir();
        DeviceProfile profile = Profile(dir, "  telnet: { port: 2323, concurrent_logins: 4 }\n  http: { port: 80 }\n");
        Assert.That(profile.ConcurrentLoginsOf("telnet", 2323), Is.EqualTo(4));
        Assert.That(profile.ConcurrentLoginsOf("telnet", 23), Is.EqualTo(1), "a port the profile does not declare gets one login at a time");
        Assert.That(profile.ConcurrentLoginsOf("http", 80), Is.EqualTo(1));
    }

    [Test]
    public void ABadConcurrentLoginsNamesFileLineAndColumn()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ConfigException>(() => Profile(dir, "  telnet: { port: 2323, concurrent_logins: none }\n"))!;
        Assert.That(e.Message, Is.EqualTo("p.yaml:6:44: 'concurrent_logins' must be a whole number from 1 to 64, not 'none'"));
    }
}
