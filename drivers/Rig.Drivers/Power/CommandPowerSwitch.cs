using System.ComponentModel;
using Rig.Protocols;
using Rig.Protocols.Processes;

namespace Rig.Drivers.Power;

/// <summary>Power through shell commands: a smart plug's CLI, a PDU script, a USB hub's port control.</summary>
/// <remarks>
/// Commands run one at a time, with /bin/sh -c, stdin from /dev/null, in a process group of
/// their own that is killed when they run past the timeout, or 2 s after they exit if something
/// they left behind still holds their output. Whatever they print is kept only as a 4 KiB tail,
/// used in error messages.
/// </remarks>
public sealed class CommandPowerSwitch : IPowerSwitch
{
    /// <summary>How long a command may run when the options give no timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly CommandPowerOptions _options;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PowerState _lastSet = PowerState.Unknown;

    /// <exception cref="ArgumentException">An empty on or off command, or a timeout that is not positive.</exception>
    public CommandPowerSwitch(CommandPowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.On, "options.On");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Off, "options.Off");
        _timeout = options.Timeout ?? DefaultTimeout;
        if (_timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"command power: the timeout must be positive, not {_timeout}", nameof(options));
        }

        _options = options;
        Describe = $"command (on: {Shown(options.On)}, off: {Shown(options.Off)}"
            + (string.IsNullOrWhiteSpace(options.Cycle) ? string.Empty : $", cycle: {Shown(options.Cycle)}")
            + (string.IsNullOrWhiteSpace(options.State) ? ")" : $", state: {Shown(options.State)})");
    }

    /// <summary>E.g. "command (on: sispmctl -o 1, off: sispmctl -f 1)".</summary>
    public string Describe { get; }

    public Task OnAsync(CancellationToken ct) => SwitchAsync("on", _options.On, PowerState.On, ct);

    public Task OffAsync(CancellationToken ct) => SwitchAsync("off", _options.Off, PowerState.Off, ct);

    /// <summary>True when the options give a cycle command.</summary>
    public bool CyclesItself => !string.IsNullOrWhiteSpace(_options.Cycle);

    /// <summary>The cycle command when there is one (it keeps its own off-time); otherwise off, wait <paramref name="offTime"/>, on.</summary>
    public Task CycleAsync(TimeSpan offTime, CancellationToken ct) => CyclesItself
        ? SwitchAsync("cycle", _options.Cycle!, PowerState.On, ct)
        : PowerSwitches.CycleByOffOnAsync(this, offTime, ct);

    /// <summary>Runs the state command if there is one; otherwise the state this switch last set (Unknown before the first, or after a failure).</summary>
    /// <exception cref="RigFaultException">The state command failed, timed out, or printed neither "on" nor "off".</exception>
    public async Task<PowerState> GetStateAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.State))
        {
            return _lastSet;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ShellCommandResult result = await RunAsync("state", _options.State, ct).ConfigureAwait(false);
            if (result.Stdout.Total > ShellCommand.TailBytes)
            {
                throw new RigFaultException(
                    $"command power: state command {Shown(_options.State)} printed {result.Stdout.Total} bytes, not \"on\" or \"off\"");
            }

            string printed = System.Text.Encoding.UTF8.GetString(result.Stdout.ToArray()).Trim();
            if (printed.Equals("on", StringComparison.OrdinalIgnoreCase))
            {
                return PowerState.On;
            }

            if (printed.Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                return PowerState.Off;
            }

            string shown = result.Stdout.Total == 0 ? "nothing" : $"\"{OutputTail.Cut(OutputTail.Printable(printed), 80)}\"";
            throw new RigFaultException($"command power: state command {Shown(_options.State)} printed {shown}, not \"on\" or \"off\"");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs nothing: a command backend holds no resource, and its safe state is for the bench to apply.</summary>
    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SwitchAsync(string action, string command, PowerState target, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Until the command has succeeded, nobody knows where the relay is.
            _lastSet = PowerState.Unknown;
            await RunAsync(action, command, ct).ConfigureAwait(false);
            _lastSet = target;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ShellCommandResult> RunAsync(string action, string command, CancellationToken ct)
    {
        ShellCommandResult result;
        try
        {
            result = await ShellCommand.RunAsync(command, _timeout, ct).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new RigFaultException($"command power: cannot start /bin/sh for the {action} command: {e.Message}", e);
        }

        if (result.TimedOut)
        {
            throw new RigFaultException(
                $"command power: {action} command {Shown(command)} timed out after {_timeout.TotalSeconds:0.###} s; its process group was killed");
        }

        if (result.ExitCode != 0)
        {
            string reason = result.Stderr.LastLine();
            throw new RigFaultException(
                $"command power: {action} command {Shown(command)} exited with code {result.ExitCode}: "
                + (reason.Length > 0 ? reason : "(nothing on stderr)"));
        }

        return result;
    }

    private static string Shown(string command) => "`" + OutputTail.Cut(OutputTail.Printable(command.Trim()), 120) + "`";
}
