using System.Runtime.InteropServices;

namespace Rig.Cli.Terminal;

/// <summary>
/// Turns SIGINT, SIGTERM and SIGHUP into cancellation, so that every run unwinds through its
/// finally blocks and leaves the relays safe instead of dying where it stands.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Interrupts()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle),
        ];
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>The signal that stopped the run, if any.</summary>
    public PosixSignal? Received { get; private set; }

    public int ExitCode => Received == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // do not die here: unwind and make the bench safe first
        Received ??= context.Signal;
        _cts.Cancel();
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }
}
