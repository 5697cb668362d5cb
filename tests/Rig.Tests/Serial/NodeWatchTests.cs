using Rig.Drivers.Serial;

namespace Rig.Tests.Serial;

/// <summary>Waiting for an absent node is event-driven: the watch fd becomes readable when the node may have appeared.</summary>
public sealed class NodeWatchTests
{
    private TempDir _dir = null!;

    [SetUp]
    public void MakeDir() => _dir = new TempDir();

    [TearDown]
    public void RemoveDir() => _dir.Dispose();

    [Test]
    public void AFolderThatDoesNotExistYetIsAnnouncedByItsNearestExistingAncestor()
    {
        using var watch = new NodeWatch();
        string node = Path.Combine(_dir["serial"], "by-id", "usb-rig");

        Assert.That(watch.Arm(node), Is.True, "a new folder is watched: look again before waiting");
        Assert.That(watch.Arm(node), Is.False, "re-arming the same folders adds nothing");
        Assert.That(watch.Fd, Is.GreaterThanOrEqualTo(0));
        Assert.That(PtyIo.Readable(watch.Fd, 0), Is.False);

        Directory.CreateDirectory(_dir["serial"]);
        Assert.That(PtyIo.Readable(watch.Fd, 5000), Is.True);
        watch.Drain();
        Assert.That(PtyIo.Readable(watch.Fd, 0), Is.False);

        Assert.That(watch.Arm(node), Is.True, "the new folder is watched now");
        Directory.CreateDirectory(Path.GetDirectoryName(node)!);
        Assert.That(PtyIo.Readable(watch.Fd, 5000), Is.True);
    }

    [Test]
    public void ADanglingSymlinkIsAnnouncedWhenItsTargetAppears()
    {
        // Like a link to an emulator's /dev/pts/N: the link stays, the target comes and goes.
        string targets = _dir["pts"];
        Directory.CreateDirectory(targets);
        string link = _dir["console"];
        File.CreateSymbolicLink(link, Path.Combine(targets, "7"));

        using var watch = new NodeWatch();
        watch.Arm(link);
        Assert.That(PtyIo.Readable(watch.Fd, 0), Is.False);

        // Only a watch on the target's folder sees this: the link's own folder does not change.
        File.WriteAllText(Path.Combine(targets, "7"), "");
        Assert.That(PtyIo.Readable(watch.Fd, 5000), Is.True);
    }

    [Test]
    public void ClosingStopsWatching()
    {
        using var watch = new NodeWatch();
        watch.Arm(_dir["node"]);
        watch.Close();
        Assert.That(watch.Fd, Is.EqualTo(-1));
        Assert.That(watch.Arm(_dir["node"]), Is.True, "after Close the folders are watched afresh");
    }
}
