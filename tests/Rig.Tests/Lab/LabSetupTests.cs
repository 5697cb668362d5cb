using Rig.Cli.Composition;
using Rig.Cli.Lab;
using Rig.Engine.Bench;
using Rig.Tests.Cli;

namespace Rig.Tests.LabOnNats;

/// <summary>What the lab reads before any server is involved: device labels in a bench file, job ids, and the users rig lab nats-users writes.</summary>
public class LabSetupTests
{
    private readonly TempDir _dir = new();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void ASlotMayCarryItsDevicesLabel()
    {
        BenchConfig bench = BenchLoader.Load(_dir.Write("b.yaml", """
            bench: b
            slots:
              s1:
                power: { backend: command, on: 'true', off: 'true' }
                console: { path: tty-s1 }
                device: "  CAM-0042 "
              s2:
                power: { backend: command, on: 'true', off: 'true' }
                console: { path: tty-s2 }
            """), _dir.Path, DriverFactory.Bench, "b.yaml");
        Assert.That(bench.Slot("s1").Device, Is.EqualTo("CAM-0042"));
        Assert.That(bench.Slot("s2").Device, Is.Null);
    }

    [TestCase("shelf1.20261202-101500-0123456789", "shelf1")]
    [TestCase("a-b_c.x", "a-b_c")]
    public void AJobIdNamesItsBench(string id, string bench) => Assert.That(LabNames.BenchOf("job", id), Is.EqualTo(bench));

    [TestCase("nodot")]
    [TestCase(".stamp")]
    [TestCase("a.b.c")]
    [TestCase("a b.c")]
    [TestCase("shelf1.")]
    public void AMalformedJobIdIsTheUsersError(string id) =>
        Assert.That(() => LabNames.BenchOf("job", id), Throws.TypeOf<Rig.Cli.Commands.UsageException>());

    [Test]
    public void AnAgentsUserMayTouchOnlyItsBench()
    {
        foreach (string subject in LabPermissions.AgentPublish("shelf1"))
        {
            bool shared = subject is "$JS.API.INFO" || subject.StartsWith("$JS.API.STREAM.INFO.KV_", StringComparison.Ordinal); // the shared buckets' sizes, never their keys
            Assert.That(shared || subject.Contains("shelf1", StringComparison.Ordinal), Is.True, $"{subject} names the bench");
            Assert.That(subject.StartsWith("_INBOX", StringComparison.Ordinal), Is.False, $"{subject}: no reply into another's inbox");
            Assert.That(subject.Split('.').TakeWhile(t => !t.Contains("shelf1", StringComparison.Ordinal)).Any(t => t is "*" or ">"), Is.False, $"{subject}: no wildcard before the bench's name");
        }

        Assert.That(LabPermissions.AgentSubscribe("shelf1"), Is.EqualTo(new[] { "_INBOX.shelf1.>", "rig.cancel.shelf1.>" }));
    }

    [Test]
    public void NatsUsersWritesAnAuthorizationBlockWithPasswordsFromTheEnvironment()
    {
        var (exit, stdout, stderr) = RigProcess.Run(_dir.Path, "lab", "nats-users", "--user", "alice", "--agent", "shelf-1");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("{ user: \"alice\", password: $RIG_NATS_ALICE }"));
        Assert.That(stdout, Does.Contain("{ user: \"shelf-1\", password: $RIG_NATS_SHELF_1, permissions: {"));
    }

    [TestCase(new[] { "lab", "nats-users" }, "--user or --agent: name at least one")]
    [TestCase(new[] { "lab", "nats-users", "--user", "a", "--agent", "a" }, "--user/--agent a: named twice")]
    [TestCase(new[] { "lab", "nats-users", "--agent", "shelf.1" }, "--agent 'shelf.1' cannot be used in the lab")]
    [TestCase(new[] { "lab", "nats-users", "--agent", "a-b", "--agent", "a_b" }, "would share the password variable RIG_NATS_A_B")]
    public void BadUsersAreRefusedInOneLine(string[] args, string message)
    {
        var (exit, _, stderr) = RigProcess.Run(_dir.Path, args);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.Contain(message).And.Not.Contain("\n"));
    }
}
