using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Protocols.Net;

namespace Rig.Tests.VirtualDevice;

/// <summary>
/// The virtual camera's sshd against the real OpenSSH client (Debian's ssh) and against hostile
/// raw clients, on loopback, with a real rig-vdev process per test.
/// </summary>
public class SshServerTests
{
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(30);

    [Test]
    public async Task TheUniversalPasswordRunsEchoThroughExec()
    {
        (SshLoginResult r, _) = await OneLoginAsync("root", "xc3511");
        Assert.That(r.Outcome, Is.EqualTo(SshLoginOutcome.Accepted), Shown(r));
        Assert.That(r.ExitCode, Is.EqualTo(0));
        Assert.That(r.ServerVersion, Is.EqualTo("dropbear_2018.76"));
        Assert.That(r.Methods, Is.EqualTo("password"), "the server lists password as its only method");
        Assert.That(Shown(r), Does.Contain("password (through SSH_ASKPASS): xc3511"), "the evidence shows the pair used");
    }

    [Test]
    public async Task AWrongPasswordIsRefusedAfterThePause()
    {
        (SshLoginResult r, TimeSpan took) = await OneLoginAsync("root", "not-the-password");
        Assert.That(r.Outcome, Is.EqualTo(SshLoginOutcome.Refused), Shown(r));
        Assert.That(took, Is.GreaterThanOrEqualTo(TestDevice.FailDelay), "the device pauses after a failed password, as its other logins do");
        Assert.That(r.Detail, Does.Contain("Permission denied"));
    }

    [Test]
    public async Task TheHardenedBuildTakesOnlyItsPerDevicePassword()
    {
        await using TestDevice device = await StartAsync("vcam-hardened");
        using OpenSshClient ssh = Client();
        SshLoginResult universal = await LoginAsync(ssh, device, "root", "xc3511");
        Assert.That(universal.Outcome, Is.EqualTo(SshLoginOutcome.Refused), Shown(universal));
        string label = (await File.ReadAllTextAsync(Path.Combine(device.StateDir, "root-password"))).Trim();
        SshLoginResult own = await LoginAsync(ssh, device, "root", label);
        Assert.That(own.Outcome, Is.EqualTo(SshLoginOutcome.Accepted), Shown(own));
    }

    [Test]
    public async Task TheHostKeyIsKeptInFlashAcrossAPowerCycle()
    {
        await using TestDevice device = await StartAsync("vcam-vulnerable");
        using OpenSshClient ssh = Client();
        string before = HostKey(await LoginAsync(ssh, device, "root", "xc3511"));
        string keyFile = Path.Combine(device.StateDir, "ssh_host_ecdsa_key");
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the private key is readable by its owner only");

        await device.PullPlugAsync();
        await device.PowerOnAsync();
        await TestDevice.WaitUntilListeningAsync(device.Ssh);
        string after = HostKey(await LoginAsync(ssh, device, "root", "xc3511"));
        Assert.That(after, Is.EqualTo(before));
        Assert.That(before, Does.StartWith("ecdsa-sha2-nistp256 SHA256:"));
    }

    [Test]
    public async Task HostileClientsAreCutOffAndTheServerGoesOn()
    {
        await using TestDevice device = await StartAsync("vcam-vulnerable");
        long rssBefore = Rss(device.Pid);

        // Not SSH at all: sshd's answer, then the connection is closed.
        string answer = await RawAsync(device.Ssh, "GET / HTTP/1.0\r\n\r\n"u8.ToArray());
        Assert.That(answer, Does.StartWith("SSH-2.0-dropbear_2018.76\r\n"));
        Assert.That(answer, Does.Contain("Invalid SSH identification string."));

        // A version line that never ends is cut at 255 bytes.
        await RawAsync(device.Ssh, Encoding.ASCII.GetBytes("SSH-2.0-" + new string('x', 100_000)));

        // Packets that claim 2 GiB (and 35001 bytes, one past the limit) are refused before anything is read or allocated.
        for (int i = 0; i < 20; i++)
        {
            await RawAsync(device.Ssh, [.. "SSH-2.0-hostile\r\n"u8, 0x7f, 0xff, 0xff, 0xf8, .. new byte[64]]);
        }

        await RawAsync(device.Ssh, [.. "SSH-2.0-hostile\r\n"u8, 0x00, 0x00, 0x88, 0xb8, .. new byte[64]]);

        // A client that hangs up in the middle of the key exchange: half a KEXINIT, then gone.
        await RawAsync(device.Ssh, [.. "SSH-2.0-hostile\r\n"u8, 0x00, 0x00, 0x01, 0x00, 0x08, 20, 1, 2, 3], readAnswer: false);

        Assert.That(Rss(device.Pid) - rssBefore, Is.LessThan(64L * 1024 * 1024), "hostile input costs no large allocation");
        using OpenSshClient ssh = Client();
        SshLoginResult r = await LoginAsync(ssh, device, "root", "xc3511");
        Assert.That(r.Outcome, Is.EqualTo(SshLoginOutcome.Accepted), "the server still serves: " + Shown(r));
        string log = await File.ReadAllTextAsync(Path.Combine(device.StateDir, "vdev.log"));
        Assert.That(log, Does.Contain("not an SSH-2 client"));
        Assert.That(log, Does.Contain("version line longer than 255 bytes"));
        Assert.That(log, Does.Contain("bad packet length 2147483640"));
        Assert.That(log, Does.Contain("bad packet length 35000"));
        Assert.That(log, Does.Not.Contain("session failed"), "every hostile session ended through the protocol's own checks");
    }

    [Test]
    public async Task TheClientIsStoppedWhenTheAttemptRunsOutOfTime()
    {
        // A listener that accepts and never says a word: ssh waits for the banner until the rig kills it.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen();
        using OpenSshClient ssh = Client();
        var clock = Stopwatch.StartNew();
        SshLoginResult r = await ssh.TryAsync((IPEndPoint)silent.LocalEndPoint!, "root", "x", Connect, TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.That(r.Outcome, Is.EqualTo(SshLoginOutcome.TimedOut), Shown(r));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task NothingListeningIsUnreachable()
    {
        using OpenSshClient ssh = Client();
        int port = TestDevice.FreePort("127.0.0.1");
        SshLoginResult r = await ssh.TryAsync(new IPEndPoint(IPAddress.Loopback, port), "root", "x", Connect, Attempt, CancellationToken.None);
        Assert.That(r.Outcome, Is.EqualTo(SshLoginOutcome.Unreachable), Shown(r));
    }

    [Test]
    public void ThePasswordIsNeverOnTheCommandLine()
    {
        IReadOnlyList<string> args = OpenSshClient.Arguments(new IPEndPoint(IPAddress.Loopback, 2222), "root", "echo n", Connect);
        Assert.That(args, Does.Contain("PubkeyAuthentication=no"));
        Assert.That(args, Does.Contain("NumberOfPasswordPrompts=1"));
        Assert.That(args, Does.Contain("UserKnownHostsFile=/dev/null"));
        Assert.That(string.Join(' ', args), Does.Not.Contain("xc3511"));
    }

    private static async Task<TestDevice> StartAsync(string personality)
    {
        string address = $"127.{Random.Shared.Next(16, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";
        TestDevice device = await TestDevice.StartAsync(personality, address);
        try
        {
            await TestDevice.WaitUntilListeningAsync(device.Ssh);
            return device;
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
    }

    /// <summary>One login on a fresh vulnerable camera, and how long the login took.</summary>
    private static async Task<(SshLoginResult, TimeSpan)> OneLoginAsync(string user, string password)
    {
        await using TestDevice device = await StartAsync("vcam-vulnerable");
        using OpenSshClient ssh = Client();
        var clock = Stopwatch.StartNew();
        SshLoginResult r = await LoginAsync(ssh, device, user, password);
        return (r, clock.Elapsed);
    }

    private static Task<SshLoginResult> LoginAsync(OpenSshClient ssh, TestDevice device, string user, string password) =>
        ssh.TryAsync(device.Ssh, user, password, Connect, Attempt, CancellationToken.None);

    private static OpenSshClient Client() =>
        OpenSshClient.Find(Environment.GetEnvironmentVariable("PATH")) ?? throw new InvalidOperationException("the tests need the OpenSSH client (scripts/install-test-deps.sh installs it)");

    private static string Shown(SshLoginResult r) => string.Concat(r.Transcript.Select(e => e.Text));

    private static string HostKey(SshLoginResult r) =>
        Regex.Match(Shown(r), @"Server host key: (\S+ \S+)") is { Success: true } m ? m.Groups[1].Value : throw new AssertionException("no host key in: " + Shown(r));

    /// <summary>Sends <paramref name="data"/> and reads what comes back until the server closes (10 s at most, 64 KiB kept).</summary>
    private static async Task<string> RawAsync(IPEndPoint endpoint, byte[] data, bool readAnswer = true)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await s.ConnectAsync(endpoint);
        try
        {
            await s.SendAsync(data);
        }
        catch (SocketException)
        {
            // the server may hang up before it has read everything
        }

        if (!readAnswer)
        {
            return "";
        }

        var got = new MemoryStream();
        byte[] buffer = new byte[4096];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int n;
            while ((n = await s.ReceiveAsync(buffer, limit.Token)) > 0 && got.Length < 65536)
            {
                got.Write(buffer, 0, n);
            }
        }
        catch (SocketException)
        {
            // reset: closed all the same
        }

        Assert.That(limit.IsCancellationRequested, Is.False, "the server closes the connection");
        return Encoding.Latin1.GetString(got.ToArray());
    }

    private static long Rss(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(Regex.Match(line, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
