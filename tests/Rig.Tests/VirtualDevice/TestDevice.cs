using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rig.Drivers.Power;

namespace Rig.Tests.VirtualDevice;

/// <summary>
/// A real rig-vdev process in a temp folder, for tests: fast boot, short login pause, a free
/// telnet port. Disposing kills it and deletes the folder.
/// </summary>
internal sealed class TestDevice : IAsyncDisposable
{
    public static readonly TimeSpan FailDelay = TimeSpan.FromSeconds(0.2);

    private Process? _process;

    private TestDevice(string root, SimPowerOptions options)
    {
        Root = root;
        Options = options;
    }

    public string Root { get; }

    public SimPowerOptions Options { get; }

    public string ConsolePath => Options.ConsolePath;

    public string StateDir => Options.StateDir;

    public IPEndPoint Telnet => new(IPAddress.Parse(Options.Address), Options.TelnetPort);

    public IPEndPoint Ssh => new(IPAddress.Parse(Options.Address), Options.SshPort!.Value);

    public int Pid => _process?.Id ?? throw new InvalidOperationException("not running");

    /// <summary>Options for a device in a new temp folder (nothing started yet).</summary>
    public static TestDevice Create(string personality, string address = "127.0.0.2", int? port = null)
    {
        string root = Directory.CreateTempSubdirectory("rig-vdev-test-").FullName;
        var options = new SimPowerOptions(
            personality,
            Path.Combine(root, "console"),
            Path.Combine(root, "state"),
            address,
            port ?? FreePort(address),
            FailDelay,
            BootScale: 0.05,
            SshPort: FreePort(address));
        return new TestDevice(root, options);
    }

    public static async Task<TestDevice> StartAsync(string personality, string address = "127.0.0.2", int? port = null)
    {
        TestDevice d = Create(personality, address, port);
        try
        {
            await d.PowerOnAsync();
            return d;
        }
        catch
        {
            await d.DisposeAsync();
            throw;
        }
    }

    public async Task PowerOnAsync()
    {
        _process = await VirtualDeviceLauncher.StartAsync(Options, "test device", CancellationToken.None);
    }

    /// <summary>SIGKILL and wait until it is gone: pulling the plug.</summary>
    public async Task PullPlugAsync()
    {
        if (_process is { } p)
        {
            _process = null;
            p.Kill();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await p.WaitForExitAsync(cts.Token);
            p.Dispose();
        }
    }

    /// <summary>
    /// The services start during the boot, after power-on: waits as a lab would until <paramref name="endpoint"/>
    /// accepts connections (60 s at most: a loaded host boots slowly; a service that never comes fails the test).
    /// </summary>
    public static async Task WaitUntilListeningAsync(IPEndPoint endpoint)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync(endpoint);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A port that is free on <paramref name="address"/> right now.</summary>
    public static int FreePort(string address)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await PullPlugAsync();
        Directory.Delete(Root, recursive: true);
    }
}
