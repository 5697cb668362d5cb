namespace Rig.Tests.Cli;

public class ConsoleCommandTests
{
    [Test]
    public void TypedLinesReachTheDeviceAndItsAnswersComeBack()
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", """
            bench: fast
            slots:
              cam:
                power: { backend: sim, personality: vcam-vulnerable, address: 127.0.0.9, telnet_port: 32323, state: cam/flash, boot_scale: 0.05 }
                console: { path: cam/console }
            """);
        string[] where = ["--bench", bench, "--state-root", dir["state"]];
        try
        {
            var (on, _, err) = RigProcess.Run(dir.Path, ["power", "on", "cam", .. where]);
            Assert.That(on, Is.EqualTo(0), err);
            Thread.Sleep(1500); // a fast boot takes a fraction of a second; input while booting is dropped, as on a real device
            using RigProcess console = RigProcess.StartWithInput(dir.Path, "\rid\r", ["console", "cam", .. where]);
            Assert.That(console.Wait(TimeSpan.FromSeconds(30)), Is.EqualTo(0), console.Stderr);
            Assert.That(console.Stdout, Does.Contain("uid=0(root)"));
            Assert.That(console.Stderr, Does.Contain("Ctrl-] quits"));
        }
        finally
        {
            RigProcess.Run(dir.Path, ["power", "off", "cam", .. where]);
        }
    }
}
