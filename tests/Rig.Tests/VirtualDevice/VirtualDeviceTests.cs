using System.Diagnostics;
using System.Net.Sockets;
using Rig.Drivers.Power;
using Rig.Protocols;
using Rig.Protocols.Net;

namespace Rig.Tests.VirtualDevice;

/// <summary>The real rig-vdev process, seen through its console link and its network port.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class VirtualDeviceTests
{
    private const string Vulnerable = "vcam-vulnerable";
    private const string Hardened = "vcam-hardened";

    [Test]
    public async Task VulnerableCameraBootsToARootShellOnItsConsole()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Vulnerable);
        using RawTty tty = RawTty.Open(dev.ConsolePath);

        string boot = tty.ReadUntil(@"\r\n# $");

        Assert.Multiple(() =>
        {
            Assert.That(boot, Does.Contain("U-Boot 2016.01 (vcam-vulnerable build"));
            Assert.That(boot, Does.Contain("DRAM:"));
            Assert.That(boot, Does.Contain("SF: Detected"));
            Assert.That(boot, Does.Contain("Hit any key to stop autoboot:  1"));
            Assert.That(boot, Does.Contain("Starting kernel ...\r\n"));
            Assert.That(boot, Does.Contain("[    0.000000] Linux version 4.9.84 (builder@vcam-build)"));
            Assert.That(boot, Does.Contain("\r\ninit started: BusyBox v1.29.3 (2019-03-08 10:21:07 CST)\r\n"));
            Assert.That(boot, Does.Contain("Kernel command line: console=ttyS0,115200"));
            Assert.That(boot, Does.Contain("eth0: link up"));
            Assert.That(boot, Does.Contain("Starting telnetd: OK"));
            Assert.That(boot, Does.Contain("boot count 1, firmware 1.0.3"));
            Assert.That(boot, Does.EndWith("\r\nBusyBox v1.29.3 (2019-03-08 10:21:07 CST) built-in shell (ash)\r\n\r\n# "));
            Assert.That(boot.Replace("\r\n", "", StringComparison.Ordinal), Does.Not.Contain("\n"), "every line ends in \\r\\n");
        });

        tty.Write("id\r");
        Assert.That(tty.ReadUntil(@"# $"), Is.EqualTo("id\r\nuid=0(root) gid=0(root) groups=0(root)\r\n# "));
    }

    [Test]
    public async Task ShellEchoesEditsAndAnswersItsCommands()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Vulnerable);
        using RawTty tty = RawTty.Open(dev.ConsolePath);
        tty.ReadUntil(@"\r\n# $");

        // CR LF is one Enter: a single prompt comes back.
        tty.Write("hostname\r\n");
        Assert.That(tty.ReadUntil(@"# $"), Is.EqualTo("hostname\r\nvcam\r\n# "));

        tty.Write("cat /etc/version\n");
        Assert.That(tty.ReadUntil(@"# $"), Is.EqualTo("cat /etc/version\r\n1.0.3\r\n# "));

        tty.Write("uname -a\r");
        Assert.That(tty.ReadUntil(@"# $"), Does.Contain("Linux vcam 4.9.84 #1 PREEMPT Fri Mar 8 10:21:07 CST 2019").And.Contain("mips GNU/Linux\r\n"));

        tty.Write("echo 'hello  there' x\r");
        Assert.That(tty.ReadUntil(@"# $"), Does.EndWith("\r\nhello  there x\r\n# "));

        tty.Write("idd\x7f\r"); // backspace erases the extra d
        Assert.That(tty.ReadUntil(@"# $"), Is.EqualTo("idd\b \b\r\nuid=0(root) gid=0(root) groups=0(root)\r\n# "));

        tty.Write("reboot-now\r");
        Assert.That(tty.ReadUntil(@"# $"), Does.EndWith("\r\n-sh: reboot-now: not found\r\n# "));

        tty.Write("exit\r");
        Assert.That(tty.ReadUntil(@"# $"), Does.EndWith("exit\r\n\r\nBusyBox v1.29.3 (2019-03-08 10:21:07 CST) built-in shell (ash)\r\n\r\n# "));
    }

    [Test]
    public async Task AnOverlongLineIsCutAtFourKibibytes()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Vulnerable);
        using RawTty tty = RawTty.Open(dev.ConsolePath);
        tty.ReadUntil(@"\r\n# $");

        tty.Write(new string('A', 10_000) + "\r");

        string answer = tty.ReadUntil(@"not found\r\n# $", 30);
        Assert.That(answer, Does.EndWith($"\r\n-sh: {new string('A', 4096)}: not found\r\n# "));
    }

    [Test]
    public async Task HardenedCameraAsksForItsOwnPasswordAndHasNoTelnet()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Hardened);
        using RawTty tty = RawTty.Open(dev.ConsolePath);

        string boot = tty.ReadUntil(@"vcam login: $");
        Assert.That(boot, Does.Contain("U-Boot 2016.01 (vcam-hardened build"));
        Assert.That(boot, Does.Not.Contain("telnetd"));
        Assert.That(boot, Does.EndWith("boot count 1, firmware 1.0.3\r\n\r\nvcam login: "));

        string passwordFile = Path.Combine(dev.StateDir, "root-password");
        string password = File.ReadAllText(passwordFile).Trim();
        Assert.That(password, Has.Length.GreaterThanOrEqualTo(8));
        Assert.That(password, Is.Not.EqualTo(MiraiPassword));
        Assert.That(File.GetUnixFileMode(passwordFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

        var connect = Assert.ThrowsAsync<TelnetConnectException>(
            () => TelnetClient.ConnectAsync(dev.Telnet, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.That(connect!.Failure, Is.EqualTo(ConnectFailure.Refused));

        tty.Write("root\r");
        Assert.That(tty.ReadUntil(@"Password: $"), Is.EqualTo("root\r\nPassword: "));
        var clock = Stopwatch.StartNew();
        tty.Write("xc3511\r");
        Assert.That(tty.ReadUntil(@"vcam login: $"), Is.EqualTo("\r\n\r\nLogin incorrect\r\nvcam login: "), "the password is not echoed");
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TestDevice.FailDelay - TimeSpan.FromMilliseconds(20)));

        tty.Write($"root\r{password}\r");
        tty.ReadUntil(@"# $");
        tty.Write("id\r");
        Assert.That(tty.ReadUntil(@"# $"), Does.Contain("uid=0(root)"));
        Assert.That(tty.Text, Does.Not.Contain(password), "a password is never echoed");

        tty.Write("exit\r");
        Assert.That(tty.ReadUntil(@"vcam login: $"), Does.EndWith("exit\r\n\r\nvcam login: "));
    }

    [Test]
    public async Task ThePasswordOfAHardenedCameraIsUniqueAndSurvivesPowerCycles()
    {
        await using TestDevice a = await TestDevice.StartAsync(Hardened);
        await using TestDevice b = await TestDevice.StartAsync(Hardened, "127.0.0.3");
        string first = File.ReadAllText(Path.Combine(a.StateDir, "root-password"));

        await a.PullPlugAsync();
        await a.PowerOnAsync();

        Assert.That(File.ReadAllText(Path.Combine(a.StateDir, "root-password")), Is.EqualTo(first));
        Assert.That(File.ReadAllText(Path.Combine(b.StateDir, "root-password")), Is.Not.EqualTo(first));
    }

    [Test]
    public async Task PullingThePlugLeavesADanglingLinkAndTheBootCounterCountsOn()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Vulnerable);
        string firstTarget;
        using (RawTty tty = RawTty.Open(dev.ConsolePath))
        {
            Assert.That(tty.ReadUntil(@"\r\n# $"), Does.Contain("boot count 1,"));
            firstTarget = new FileInfo(dev.ConsolePath).LinkTarget!;
        }

        await dev.PullPlugAsync();

        var link = new FileInfo(dev.ConsolePath);
        Assert.That(link.LinkTarget, Is.EqualTo(firstTarget), "SIGKILL cannot remove the link");
        Assert.That(File.Exists(firstTarget), Is.False, "the pty went with the process");
        Assert.That(File.ReadAllText(Path.Combine(dev.StateDir, "boot-count")).Trim(), Is.EqualTo("1"));

        await dev.PowerOnAsync();

        Assert.That(File.Exists(new FileInfo(dev.ConsolePath).LinkTarget!), Is.True, "the stale link was replaced");
        using RawTty again = RawTty.Open(dev.ConsolePath);
        Assert.That(again.ReadUntil(@"\r\n# $"), Does.Contain("boot count 2,"));
        Assert.That(Directory.GetFiles(dev.Root, ".console.*"), Is.Empty, "no temporary link is left behind");
    }

    [Test]
    public async Task SigtermStopsCleanlyAndRemovesTheLink()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Vulnerable);
        using (RawTty tty = RawTty.Open(dev.ConsolePath))
        {
            tty.ReadUntil(@"\r\n# $");
        }

        using Process p = Process.GetProcessById(dev.Pid);
        Assert.That(Rig.Drivers.Native.Libc.Kill(dev.Pid, 15), Is.Zero);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await p.WaitForExitAsync(cts.Token);

        Assert.That(new FileInfo(dev.ConsolePath).LinkTarget, Is.Null);
        Assert.That(File.Exists(dev.ConsolePath), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(dev.StateDir, "vdev.log")), Does.Contain("power off: clean stop"));
    }

    [Test]
    public async Task TwoCamerasRunAtOnceOnTheirOwnAddresses()
    {
        int port = TestDevice.FreePort("127.0.0.2");
        await using TestDevice two = await TestDevice.StartAsync(Vulnerable, "127.0.0.2", port);
        await using TestDevice three = await TestDevice.StartAsync(Vulnerable, "127.0.0.3", port);
        using RawTty tty2 = RawTty.Open(two.ConsolePath);
        using RawTty tty3 = RawTty.Open(three.ConsolePath);

        Assert.That(tty2.ReadUntil(@"\r\n# $"), Does.Contain("Configuring eth0: 127.0.0.2/8"));
        Assert.That(tty3.ReadUntil(@"\r\n# $"), Does.Contain("Configuring eth0: 127.0.0.3/8"));

        TelnetLoginResult r2 = await TelnetLogin.TryAsync(two.Telnet, "root", "xc3511", null, CancellationToken.None);
        TelnetLoginResult r3 = await TelnetLogin.TryAsync(three.Telnet, "root", "xc3511", null, CancellationToken.None);
        Assert.That(r2.Outcome, Is.EqualTo(TelnetLoginOutcome.Accepted), r2.Detail);
        Assert.That(r3.Outcome, Is.EqualTo(TelnetLoginOutcome.Accepted), r3.Detail);
    }

    [Test]
    public async Task TelnetKeepsWorkingWhileNobodyReadsTheConsole()
    {
        await using TestDevice dev = await TestDevice.StartAsync(Vulnerable);
        using RawTty tty = RawTty.Open(dev.ConsolePath);
        tty.ReadUntil(@"\r\n# $");

        // Commands whose echo and output fill the pty until the console thread blocks in write(),
        // then its input queue and the pty's input side, until our writes stop going through.
        byte[] line = System.Text.Encoding.ASCII.GetBytes("echo " + new string('x', 2000) + "\r");
        int stuck = 0;
        for (int i = 0; i < 20_000 && stuck < 100; i++)
        {
            if (tty.TryWrite(line) > 0)
            {
                stuck = 0;
            }
            else
            {
                stuck++;
                Thread.Sleep(5);
            }
        }

        Assert.That(stuck, Is.EqualTo(100), "the console should have stopped taking input");
        TelnetLoginResult r = await TelnetLogin.TryAsync(dev.Telnet, "root", "xc3511", null, CancellationToken.None);
        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Accepted), r.Detail);
    }

    [Test]
    public async Task StartUpFailuresAreReportedWithTheDevicesReason()
    {
        await using TestDevice first = await TestDevice.StartAsync(Vulnerable);
        using (RawTty tty = RawTty.Open(first.ConsolePath))
        {
            tty.ReadUntil(@"Starting telnetd: OK"); // now it listens
        }

        // Same flash: refused.
        var twin = first.Options with { ConsolePath = Path.Combine(first.Root, "console2"), Address = "127.0.0.3" };
        var e = Assert.ThrowsAsync<RigFaultException>(() => VirtualDeviceLauncher.StartAsync(twin, "twin", CancellationToken.None));
        Assert.That(e!.Message, Does.StartWith("twin: the virtual device stopped during start-up (exit code 1)").And.Contain("in use by another virtual device"));

        // Same telnet port: refused, naming it.
        TestDevice other = TestDevice.Create(Vulnerable, "127.0.0.2", first.Options.TelnetPort);
        await using (other)
        {
            e = Assert.ThrowsAsync<RigFaultException>(other.PowerOnAsync);
            Assert.That(e!.Message, Does.Contain($"cannot bind 127.0.0.2:{first.Options.TelnetPort}"));
            Assert.That(File.ReadAllText(Path.Combine(other.StateDir, "vdev.log")), Does.Contain("start-up failed"));
        }

        // A console path that is a real file is never replaced.
        TestDevice clobber = TestDevice.Create(Hardened);
        await using (clobber)
        {
            File.WriteAllText(clobber.ConsolePath, "precious");
            e = Assert.ThrowsAsync<RigFaultException>(clobber.PowerOnAsync);
            Assert.That(e!.Message, Does.Contain("is not a symbolic link"));
            Assert.That(File.ReadAllText(clobber.ConsolePath), Is.EqualTo("precious"));
        }
    }

    [TestCase("--telnet-port", "abc", "--telnet-port: 'abc' is not a port number")]
    [TestCase("--address", "192.168.1.10", "--address: '192.168.1.10' is not an address in 127.0.0.0/8")]
    [TestCase("--boot-scale", "-1", "--boot-scale: '-1' is not a number")]
    [TestCase("--colour", "red", "unknown flag '--colour'")]
    [TestCase("--telnet-login", "rootxc3511", "--telnet-login: 'rootxc3511' is not USER:PASSWORD")]
    [TestCase("--telnet-login", ":xc3511", "--telnet-login: ':xc3511' is not USER:PASSWORD")]
    public async Task BadFlagsExitWithCodeTwoAndNameTheFlag(string flag, string value, string message)
    {
        TestDevice dev = TestDevice.Create(Vulnerable);
        await using (dev)
        {
            var psi = VirtualDeviceLauncher.CreateStartInfo(dev.Options);
            psi.ArgumentList.Add(flag);
            psi.ArgumentList.Add(value);
            // replace the launcher's own value, if it gives one: drop its pair
            int i = psi.ArgumentList.IndexOf(flag);
            if (i >= 0 && i < psi.ArgumentList.Count - 2)
            {
                psi.ArgumentList.RemoveAt(i);
                psi.ArgumentList.RemoveAt(i);
            }

            using Process p = Process.Start(psi)!;
            p.StandardInput.Close();
            string stderr = await p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await p.WaitForExitAsync(cts.Token);

            Assert.That(p.ExitCode, Is.EqualTo(2));
            Assert.That(stderr, Does.StartWith("rig-vdev: " + message));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(Directory.Exists(dev.StateDir), Is.False, "nothing is touched on a bad command line");
        }
    }

    [Test]
    public async Task HelpDocumentsEveryFlag()
    {
        TestDevice dev = TestDevice.Create(Vulnerable);
        await using (dev)
        {
            var psi = VirtualDeviceLauncher.CreateStartInfo(dev.Options);
            psi.ArgumentList.Clear();
            if (psi.FileName.EndsWith("dotnet", StringComparison.Ordinal))
            {
                psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, VirtualDeviceLauncher.AssemblyFileName));
            }

            psi.ArgumentList.Add("--help");
            using Process p = Process.Start(psi)!;
            string help = await p.StandardOutput.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await p.WaitForExitAsync(cts.Token);

            Assert.That(p.ExitCode, Is.Zero);
            foreach (string flag in new[] { "--personality", "--console", "--state", "--address", "--telnet-port", "--telnet-login", "--login-fail-delay", "--boot-scale" })
            {
                Assert.That(help, Does.Contain(flag));
            }
        }
    }

    private const string MiraiPassword = "xc3511";
}
