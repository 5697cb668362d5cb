using System.Runtime.InteropServices;

namespace Rig.Cli.Terminal;

/// <summary>
/// Catches every signal that would end rig by default and the runtime lets us catch. While rig
/// only reads its input (nothing powered, nothing recorded) a signal ends it at once. Once a
/// command has begun work that must be unwound (<see cref="Unwind"/>), the first signal becomes
/// cancellation, so every run leaves through its finally blocks with the relays safe; a second
/// one ends rig at once, and the supervisor drives whatever is still powered to its safe state.
/// </summary>
public sealed class Interrupts : IDisposable
{
    // SIGHUP INT QUIT USR1 USR2 ALRM TERM STKFLT XCPU XFSZ VTALRM PROF IO PWR, then the real-time
    // signals above SIGRTMIN (34), which the runtime keeps for itself. SIGKILL and SIGSTOP cannot be
    // caught; ILL, TRAP, ABRT, BUS, FPE, SEGV and SYS are faults of rig itself.
    private static readonly int[] Endings = [1, 2, 3, 10, 12, 14, 15, 16, 24, 25, 26, 27, 29, 30, .. Enumerable.Range(35, 30)];

    private static volatile Interrupts? s_current;

    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _unwinding;
    private volatile bool _ignoring;
    private int _received;

    public Interrupts()
    {
        foreach (int signal in Endings)
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create((PosixSignal)signal, Handle));
            }
            catch (Exception e) when (e is PlatformNotSupportedException or ArgumentOutOfRangeException or IOException)
            {
                // a signal this kernel or runtime does not offer
            }
        }

        s_current = this;
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>The signal that stopped the run, if any (a raw number for signals without a name).</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    /// <summary>128 + the signal's number, as a shell reports it.</summary>
    public int ExitCode => 128 + _received;

    /// <summary>"SIGTERM", or "signal 35".</summary>
    public string ReceivedName => Name(_received);

    /// <summary>From now on the first signal cancels and unwinds (the command may have powered something or changed the terminal).</summary>
    public static void Unwind()
    {
        if (s_current is { } current)
        {
            current._unwinding = true;
        }
    }

    public static T UnwindThen<T>(Func<T> work)
    {
        Unwind();
        return work();
    }

    /// <summary>For the supervisor: no signal but SIGKILL ends it before its work is done.</summary>
    public static void Ignore()
    {
        if (s_current is { } current)
        {
            current._ignoring = true;
        }
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // never the default action: we decide how rig ends
        if (_ignoring)
        {
            return;
        }

        int signal = Number(context.Signal);
        if (!_unwinding || Interlocked.CompareExchange(ref _received, signal, 0) != 0)
        {
            // Nothing to unwind yet, or asked twice: end now. A synchronous read of a FIFO never sees a token.
            Console.Error.WriteLine(_unwinding
                ? $"rig: {Name(signal)} while stopping; ending now (the supervisor drives powered slots to their safe state)"
                : $"rig: stopped by {Name(signal)}");
            Environment.Exit(128 + (_received == 0 ? signal : _received));
        }

        // Not Cancel(): that would run the unwinding (every continuation on the token) on the runtime's
        // signal thread, which is also the one that reaps child processes; a wait there for a child
        // (a power-off command, the supervisor) could never end.
        _ = _cts.CancelAsync();
    }

    /// <summary>The platform's number for a signal: the runtime gives named signals as negative enum values.</summary>
    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };

    private static string Name(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        10 => "SIGUSR1",
        12 => "SIGUSR2",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };

    public void Dispose()
    {
        s_current = null;
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }
}
