using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rig.Drivers.Power;
using Rig.Protocols;

namespace Rig.Benchmarks.Sweep;

/// <summary>
/// A freshly powered virtual camera for one tool's sweep: the vulnerable build on its own loopback
/// address, telnet on 2323 taking only the case's pair, the case's pause after a failed login.
/// Disposing pulls the plug, so no session or count carries over to the next tool.
/// </summary>
internal sealed class SweepDevice(Process process, IPEndPoint telnet, string stateDir) : IAsyncDisposable
{
    public const int TelnetPort = 2323;

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

    public IPEndPoint Telnet => telnet;

    /// <summary>Its flash and log (vdev.log names every session and failed login).</summary>
    public string StateDir => stateDir;

    public static async Task<SweepDevice> StartAsync(string folder, string address, SweepCase sweep, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var options = new SimPowerOptions(
            "vcam-vulnerable",
            Path.Combine(folder, "console"),
            Path.Combine(folder, "state"),
            address,
            TelnetPort,
            sweep.FailPause,
            BootScale: 0.05, // the boot is not measured: only the sweep once telnet answers
            TelnetLogin: SweepCase.Text(sweep.Truth));
        Process started = await VirtualDeviceLauncher.StartAsync(options, $"sweep device {address}", ct).ConfigureAwait(false);
        var device = new SweepDevice(started, new IPEndPoint(IPAddress.Parse(address), TelnetPort), options.StateDir);
        try
        {
            await device.WaitForTelnetAsync(ct).ConfigureAwait(false);
            return device;
        }
        catch
        {
            await device.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Telnet starts at the end of the boot: wait until it takes connections.</summary>
    private async Task WaitForTelnetAsync(CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(Telnet, ct).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (Stopwatch.GetElapsedTime(start) < ReadyLimit && !process.HasExited)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new RigFaultException(
                    $"sweep device {Telnet}: telnet did not answer within {ReadyLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({e.Message}); log: {VirtualDeviceLauncher.LogTail(StateDir)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        process.Dispose();
    }
}
