using System.Diagnostics;
using System.Net;
using Rig.Drivers.Power;
using Rig.Tests.Support;

namespace Rig.Tests.NetServices;

/// <summary>A real rig-vdev process on its own loopback address and free ports, killed and its folder deleted on dispose.</summary>
internal sealed class CameraUnderTest : IAsyncDisposable
{
    private readonly TempDir _dir;
    private readonly Process _process;

    private CameraUnderTest(TempDir dir, Process process, SimPowerOptions options)
    {
        _dir = dir;
        _process = process;
        Options = options;
    }

    public SimPowerOptions Options { get; }

    public IPEndPoint Http => new(IPAddress.Parse(Options.Address), Options.HttpPort!.Value);

    public IPEndPoint Ftp => new(IPAddress.Parse(Options.Address), Options.FtpPort!.Value);

    public string StateDir => Options.StateDir;

    /// <summary>The per-device password the flash keeps (what a lab reads off the label).</summary>
    public string DevicePassword => File.ReadAllText(Path.Combine(StateDir, "root-password")).Trim();

    public static async Task<CameraUnderTest> StartAsync(string personality, TimeSpan? lockoutFor = null)
    {
        var dir = new TempDir();
        string address = $"127.{Random.Shared.Next(16, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";
        var options = new SimPowerOptions(
            personality, dir["console"], dir["state"], address, VirtualBench.FreePort(address), TimeSpan.FromSeconds(0.05), 0.05,
            HttpPort: VirtualBench.FreePort(address), FtpPort: VirtualBench.FreePort(address), LockoutFor: lockoutFor ?? TimeSpan.FromSeconds(2));
        try
        {
            Process p = await VirtualDeviceLauncher.StartAsync(options, "test camera", CancellationToken.None);
            var camera = new CameraUnderTest(dir, p, options);
            await camera.WaitForHttpAsync();
            return camera;
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>The services start when the boot is over: wait until the web UI accepts connections.</summary>
    private Task WaitForHttpAsync() => Rig.Tests.VirtualDevice.TestDevice.WaitUntilListeningAsync(Http);

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _dir.Dispose();
    }
}
