using System.Diagnostics;
using System.Net;
using Rig.Protocols;

namespace Rig.Drivers.Power;

/// <summary>
/// Power for the virtual device: on starts rig-vdev, off kills it with SIGKILL (pulling the plug).
/// The state lives in the device's state folder (pid file checked against /proc), so
/// <c>rig power on</c> in one process and <c>rig power off</c> in another act on the same device.
/// </summary>
public sealed class SimPowerSwitch : IPowerSwitch
{
    /// <summary>How long a killed device may take to disappear.</summary>
    public static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(10);

    /// <summary>The personality of a device that replays a transcript.</summary>
    public const string ReplayPersonality = "replay";

    private const string LockFileName = "power.lock";
    private static readonly TimeSpan LockLimit = TimeSpan.FromSeconds(30);

    private readonly SimPowerOptions _options;
    private readonly string _stateDir;
    private Process? _started;

    /// <exception cref="ArgumentException">An unknown personality, a non-loopback address, a bad port or scale.</exception>
    public SimPowerSwitch(SimPowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Transcript is not null)
        {
            if (options.Personality != ReplayPersonality || string.IsNullOrWhiteSpace(options.Transcript))
            {
                throw new ArgumentException($"sim power: a transcript is replayed by personality '{ReplayPersonality}', not '{options.Personality}'", nameof(options));
            }
        }
        else if (options.Personality is not ("vcam-vulnerable" or "vcam-hardened" or "vcam-partial"))
        {
            throw new ArgumentException(options.Personality == ReplayPersonality
                ? $"sim power: personality '{ReplayPersonality}' needs a transcript file"
                : $"sim power: unknown personality '{options.Personality}' (vcam-vulnerable, vcam-hardened, vcam-partial, or {ReplayPersonality} with a transcript)", nameof(options));
        }

        if (!IPAddress.TryParse(options.Address, out IPAddress? a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || a.GetAddressBytes()[0] != 127)
        {
            throw new ArgumentException($"sim power: address '{options.Address}' is not in 127.0.0.0/8; a virtual device stays on loopback", nameof(options));
        }

        if (options.TelnetPort is < 1 or > 65535 || !double.IsFinite(options.BootScale) || options.BootScale < 0
            || options.LoginFailDelay is { } d && d < TimeSpan.Zero)
        {
            throw new ArgumentException($"sim power: bad telnet port, boot scale or login delay in {options}", nameof(options));
        }

        _options = options;
        _stateDir = Path.GetFullPath(options.StateDir);
    }

    /// <summary>"sim vcam-vulnerable at 127.0.0.2", or "sim replay of kernel-panic.jsonl".</summary>
    public string Describe => _options.Transcript is { } t
        ? $"sim replay of {Path.GetFileName(t)}"
        : $"sim {_options.Personality} at {_options.Address}";

    /// <summary>Starts the device unless it already runs; returns when its start-up is over (its console link exists).</summary>
    /// <exception cref="RigFaultException">The device could not start or died at once; the message carries its last words.</exception>
    public async Task OnAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_stateDir);
        using FileStream gate = await LockAsync(ct).ConfigureAwait(false);
        if (VirtualDeviceProcess.FindRunning(_stateDir) is not null)
        {
            return;
        }

        Process process;
        try
        {
            // The pid is recorded before start-up is over: a rig killed meanwhile leaves a device that
            // `rig power state` sees and the supervisor can switch off, never an orphan on its flash.
            process = await VirtualDeviceLauncher.StartAsync(_options, Describe, ct, pid => VirtualDeviceProcess.WritePid(_stateDir, pid)).ConfigureAwait(false);
        }
        catch
        {
            VirtualDeviceProcess.DeletePid(_stateDir); // it was killed: no device runs
            throw;
        }

        _started?.Dispose();
        _started = process; // kept so this process reaps it when it dies
    }

    /// <summary>Kills the device (no clean shutdown: the plug is pulled) and waits until it is gone.</summary>
    public async Task OffAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_stateDir))
        {
            return;
        }

        using FileStream gate = await LockAsync(ct).ConfigureAwait(false);
        RemoveConsoleLink(); // before the kill: the console reopens on the hangup, and must find no link then
        if (VirtualDeviceProcess.FindRunning(_stateDir) is int pid)
        {
            await VirtualDeviceProcess.KillAsync(pid, Describe, KillLimit, ct).ConfigureAwait(false);
        }

        VirtualDeviceProcess.DeletePid(_stateDir);
    }

    /// <summary>
    /// A killed device leaves its console link pointing at a freed /dev/pts/N, which the kernel may
    /// hand to another slot's device at once; the slot's console, reopening on the hangup, must then
    /// find no link and wait, not open that one.
    /// </summary>
    private void RemoveConsoleLink()
    {
        try
        {
            if (new FileInfo(_options.ConsolePath).LinkTarget is not null)
            {
                File.Delete(_options.ConsolePath);
            }
        }
        catch (IOException)
        {
            // gone already, or the folder vanished: nothing points anywhere
        }
    }

    public Task CycleAsync(TimeSpan offTime, CancellationToken ct) => PowerSwitches.CycleByOffOnAsync(this, offTime, ct);

    public Task<PowerState> GetStateAsync(CancellationToken ct) =>
        Task.FromResult(VirtualDeviceProcess.FindRunning(_stateDir) is null ? PowerState.Off : PowerState.On);

    /// <summary>Leaves the device as it is: a relay keeps its state when the rig exits.</summary>
    public ValueTask DisposeAsync()
    {
        _started?.Dispose();
        _started = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>Serialises on and off across rig processes, so two never start two devices on one flash.</summary>
    private async Task<FileStream> LockAsync(CancellationToken ct)
    {
        string path = Path.Combine(_stateDir, LockFileName);
        var deadline = DateTime.UtcNow + LockLimit;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (DateTime.UtcNow < deadline && e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                await Task.Delay(20, ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new RigFaultException($"{Describe}: cannot lock {path}: {e.Message}", e);
            }
        }
    }
}
