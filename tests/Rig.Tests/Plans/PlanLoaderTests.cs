using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Tests.Plans;

public class PlanLoaderTests
{
    [TestCase("CRED-01")]
    [TestCase("CRED-02")]
    [TestCase("UART-01")]
    public void ShippedPlansLoad(string id)
    {
        Plan plan = PlanLoader.Load(TestPaths.Plan(id));
        Assert.That(plan.Id, Is.EqualTo(id));
        Assert.That(plan.States, Contains.Key(plan.Initial));
        Assert.That(plan.Sha256, Has.Length.EqualTo(64));
        Assert.That(plan.Provisions, Is.Not.Empty);
    }

    [Test]
    public void Cred01RecordsTheMiraiListWithItsHashAndSource()
    {
        (PlanInput list, IPlanAction sweep) = Sweep("CRED-01", "mirai.txt");
        Assert.That(list.Source, Does.Contain("Mirai-Source-Code"));
        var action = (CredentialsAction)sweep;
        Assert.That(action.List.Pairs, Has.Count.EqualTo(62));
        Assert.That(action.List.Pairs[0], Is.EqualTo(("root", "xc3511")));
        Assert.That(action.List.Pairs, Does.Contain(("root", ""))); // "root:" is an empty password
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(list.Path)));
        Assert.That(list.Sha256, Is.EqualTo(expected));
    }

    [Test]
    public void Cred02RecordsTheSshListWithItsSourceAndTheVulnerableCamerasPair()
    {
        (PlanInput list, IPlanAction sweep) = Sweep("CRED-02", "ssh-defaults.txt");
        Assert.That(list.Source, Does.Contain("danielmiessler/SecLists"));
        var action = (SshCredentialsAction)sweep;
        Assert.That(action.List.Pairs, Does.Contain(("root", "xc3511")), "the universal pair of the vulnerable camera is a published default");
        Assert.That(action.List.Pairs, Does.Contain(("default", "")));
    }

    /// <summary>A shipped plan's word list input and the action of its "sweep" state.</summary>
    private static (PlanInput List, IPlanAction Sweep) Sweep(string id, string listFile)
    {
        Plan plan = PlanLoader.Load(TestPaths.Plan(id));
        return (plan.Inputs.Single(i => i.Name.EndsWith(listFile, StringComparison.Ordinal)), plan.States["sweep"].Enter[0].Action);
    }

    [Test]
    public void WithoutTheOpenSshClientTheSweepIsARigError()
    {
        using var empty = new TempDir();
        var action = new SshCredentialsAction(WordList.Load(Path.Combine(TestPaths.TestPlans, "wordlists", "ssh-defaults.txt"), "ssh-defaults.txt"), [], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
        {
            SearchPath = empty.Path,
        };
        // The client is looked for before anything is reached, so no context is needed to see the fault.
        var e = Assert.ThrowsAsync<Rig.Protocols.RigFaultException>(() => action.RunAsync(null!, CancellationToken.None))!;
        Assert.That(e.Message, Does.Contain("install openssh-client"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    private const string Header = "plan: T-1\ntitle: t\ninitial: a\nstates:\n";

    // Each broken plan and the exact position and message the lab technician sees.
    [TestCase(Header + "  a:\n    on:\n      - after: 1s\n        goto: b\n", 7, 9, "goto 'b': no such state")]
    [TestCase(Header + "  a:\n    on:\n      - after: 1s\n        verdict: pass\n        because: ok\n  b:\n    on:\n      - after: 1s\n        verdict: pass\n        because: x\n", 10, 3, "state 'b' cannot be reached from 'a'")]
    [TestCase(Header + "  a:\n    enter:\n      - power: cycle\n", 5, 3, "state 'a' has no way out")]
    [TestCase(Header + "  a:\n    on:\n      - console: 'login(['\n        goto: a\n", 7, 18, "bad pattern")]
    [TestCase(Header + "  a:\n    on:\n      - console: '.*login:'\n        goto: a\n", 7, 18, "leading '.*'")]
    [TestCase(Header + "  a:\n    enter:\n      - reboot: now\n    on:\n      - after: 1s\n        goto: a\n", 7, 9, "unknown action 'reboot'")]
    [TestCase(Header + "  a:\n    on:\n      - after: soon\n        goto: a\n", 7, 16, "bad duration 'soon'")]
    [TestCase(Header + "  a:\n    on:\n      - after: 1s\n        verdict: maybe\n        because: x\n", 8, 18, "unknown verdict 'maybe'")]
    [TestCase(Header + "  a:\n    on:\n      - after: 1s\n        verdict: fail\n", 8, 18, "needs 'because")]
    [TestCase(Header + "  a:\n    on:\n      - after: 1s\n", 7, 9, "needs 'goto: STATE' or 'verdict")]
    [TestCase(Header + "  a:\n    on:\n      - after: 1s\n        console: x\n        goto: a\n", 7, 9, "exactly one event")]
    [TestCase(Header + "  a:\n    enter:\n      - power: explode\n    on:\n      - after: 1s\n        goto: a\n", 7, 16, "power: expected on, off, cycle")]
    [TestCase(Header + "  a:\n    on:\n      - result: found\n        goto: a\n", 7, 9, "result 'found' can never happen here")]
    [TestCase(Header + "  a:\n    enter:\n      - ssh-credentials: { list: x.txt, host: 10.0.0.1 }\n    on:\n      - after: 1s\n        goto: a\n", 7, 41, "unknown key 'host'")]
    [TestCase(Header + "  a:\n    oops: 1\n    on:\n      - after: 1s\n        goto: a\n", 6, 5, "unknown key 'oops'")]
    [TestCase("plan: T-1\ntitle: t\ninitial: z\nstates:\n  a:\n    on:\n      - after: 1s\n        goto: a\n", 3, 10, "initial state 'z' is not defined")]
    [TestCase("plan: T-1\ntitle: [unclosed\n", 3, 1, "YAML syntax")]
    [TestCase("plan: T-1\nstates:\n  a:\n    on: { after: 1s\n    goto: x\n", 5, 1, "ends inside an unclosed")]
    [TestCase("title: t\ninitial: a\nstates:\n  a:\n    on:\n      - after: 1s\n        goto: a\n", 1, 1, "missing required key 'plan'")]
    public void BrokenPlanNamesFileLineAndColumn(string yaml, int line, int column, string message)
    {
        using var dir = new TempDir();
        string path = dir.Write("broken.yaml", yaml);
        var e = Assert.Throws<ConfigException>(() => PlanLoader.Load(path, "broken.yaml"))!;
        Assert.That(e.Message, Does.StartWith($"broken.yaml:{line}:{column}: "));
        Assert.That(e.Reason, Does.Contain(message));
    }

    [Test]
    public void CredentialsWithMissingListNamesTheListPosition()
    {
        using var dir = new TempDir();
        string path = dir.Write("p.yaml", Header + "  a:\n    enter:\n      - credentials: { service: telnet, list: nowhere.txt }\n    on:\n      - result: found\n        goto: a\n      - result: none\n        goto: a\n      - result: closed\n        goto: a\n");
        var e = Assert.Throws<ConfigException>(() => PlanLoader.Load(path, "p.yaml"))!;
        Assert.That(e.Message, Does.StartWith("p.yaml:7:47: word list nowhere.txt:1:1: no such file"));
    }

    [Test]
    public void UnhandledActionResultIsReported()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("l.txt"), "root:root\n");
        string path = dir.Write("p.yaml", Header + "  a:\n    enter:\n      - credentials: { service: telnet, list: l.txt }\n    on:\n      - result: found\n        goto: a\n");
        var e = Assert.Throws<ConfigException>(() => PlanLoader.Load(path, "p.yaml"))!;
        Assert.That(e.Message, Is.EqualTo("p.yaml:5:3: state 'a': result 'none' of 'credentials' is not handled"));
    }
}
