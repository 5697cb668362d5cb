using System.Text;
using Rig.Drivers.Native;
using Rig.Drivers.Serial;
using Rig.Protocols;

namespace Rig.Tests.Serial;

/// <summary>Two consoles never share one node, even when the rig runs as root (where TIOCEXCL does not hold).</summary>
public class TtyConsoleSharingTests
{
    [Test]
    public async Task ASecondConsoleOnTheSameNodeIsRefusedAndGetsNoBytes()
    {
        using Pty pty = Pty.Open();
        var settings = new SerialSettings(pty.SlavePath);
        await using ConsoleUnderTest first = ConsoleUnderTest.Start(settings);
        first.Listener.WaitForStatus(ConsoleStatus.Opened);
        await using ConsoleUnderTest second = ConsoleUnderTest.Start(settings);
        second.Listener.WaitForStatus(ConsoleStatus.Failed);
        Assert.That(second.Listener.DetailsOf(ConsoleStatus.Failed)[0], Does.Contain("already open by another rig console"));

        byte[] data = Encoding.ASCII.GetBytes("only for the first slot\r\n");
        PtyIo.WriteAll(pty.MasterFd, data);
        first.Listener.WaitForBytes(data.Length);
        Assert.That(first.Listener.Bytes(), Is.EqualTo(data));
        Assert.That(second.Listener.Count, Is.EqualTo(0));
        Assert.That(second.Console.IsOpen, Is.False);
    }

    [Test]
    public async Task TheSecondConsoleTakesOverWhenTheFirstLetsGo()
    {
        using Pty pty = Pty.Open();
        var settings = new SerialSettings(pty.SlavePath);
        ConsoleUnderTest first = ConsoleUnderTest.Start(settings);
        first.Listener.WaitForStatus(ConsoleStatus.Opened);
        await using ConsoleUnderTest second = ConsoleUnderTest.Start(settings);
        second.Listener.WaitForStatus(ConsoleStatus.Failed);
        await first.DisposeAsync();
        second.Listener.WaitForStatus(ConsoleStatus.Opened, seconds: 10); // retried with back-off
        PtyIo.WriteAll(pty.MasterFd, "x"u8);
        second.Listener.WaitForBytes(1);
    }
}
