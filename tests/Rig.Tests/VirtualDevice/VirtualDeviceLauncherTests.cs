using Rig.Drivers.Power;
using Rig.Protocols;

namespace Rig.Tests.VirtualDevice;

/// <summary>How the sim backend finds rig-vdev next to the rig.</summary>
public class VirtualDeviceLauncherTests
{
    private static readonly SimPowerOptions Options = new("vcam-hardened", "rel/console", "rel/state", "127.0.0.7", 2424, TimeSpan.FromSeconds(1.5), 0.25);

    [Test]
    public void TheApphostNextToTheRigIsPreferred()
    {
        var psi = VirtualDeviceLauncher.CreateStartInfo(Options, AppContext.BaseDirectory);

        Assert.That(psi.FileName, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "rig-vdev")));
        Assert.That(psi.ArgumentList, Is.EqualTo(new[]
        {
            "--personality", "vcam-hardened",
            "--console", Path.GetFullPath("rel/console"),
            "--state", Path.GetFullPath("rel/state"),
            "--address", "127.0.0.7",
            "--telnet-port", "2424",
            "--boot-scale", "0.25",
            "--login-fail-delay", "1.5",
        }));
    }

    [Test]
    public void WithoutTheApphostTheDllRunsUnderTheDotnetHost()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("rig-vdev-test-");
        try
        {
            string dll = Path.Combine(dir.FullName, "rig-vdev.dll");
            File.WriteAllText(dll, "");

            var psi = VirtualDeviceLauncher.CreateStartInfo(Options, dir.FullName);

            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            Assert.That(psi.FileName, Is.EqualTo(string.IsNullOrEmpty(host) ? "dotnet" : host));
            Assert.That(psi.ArgumentList[0], Is.EqualTo(dll));
            Assert.That(psi.ArgumentList[1], Is.EqualTo("--personality"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void NothingToRunIsARigFaultNamingBothFiles()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("rig-vdev-test-");
        try
        {
            Assert.That(() => VirtualDeviceLauncher.CreateStartInfo(Options, dir.FullName),
                Throws.TypeOf<RigFaultException>().With.Message.Contain(Path.Combine(dir.FullName, "rig-vdev")).And.Message.Contain("rig-vdev.dll"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
