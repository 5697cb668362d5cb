using Rig.Cli.Terminal;
using Rig.Engine.Bench;
using Rig.Engine.Runs;

namespace Rig.Cli.Supervision;

/// <summary>
/// What a command holds while it works on slots: their locks and, when it may power them, the
/// supervisor. From here on a signal unwinds the command instead of ending it at once.
/// </summary>
internal sealed class SlotClaim : IDisposable
{
    private readonly List<SlotLock> _locks;

    private SlotClaim(List<SlotLock> locks, SupervisorClient? supervisor)
    {
        _locks = locks;
        Supervisor = supervisor;
    }

    /// <summary>Null for commands that power nothing (<c>rig console</c>, <c>rig power state</c>).</summary>
    public ISupervisor? Supervisor { get; }

    /// <exception cref="SlotBusyException">A slot is busy and <paramref name="wait"/> is false.</exception>
    public static async Task<SlotClaim> AcquireAsync(string benchFile, BenchConfig bench, IEnumerable<string> slots, bool wait, bool powers, CancellationToken ct)
    {
        Interrupts.Unwind();
        string holder = string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Prepend("rig"));
        var locks = new List<SlotLock>();
        try
        {
            foreach (string slot in slots.Order(StringComparer.Ordinal)) // one order everywhere: two waiting rigs never deadlock
            {
                locks.Add(await SlotLock.AcquireAsync(bench, slot, holder, wait, ct).ConfigureAwait(false));
            }

            return new SlotClaim(locks, powers ? await SupervisorClient.StartAsync(benchFile, bench, locks, ct).ConfigureAwait(false) : null);
        }
        catch
        {
            locks.ForEach(l => l.Dispose());
            throw;
        }
    }

    /// <summary>The supervisor first (it makes any slot still watched safe, then lets go of the locks), then the locks.</summary>
    public void Dispose()
    {
        (Supervisor as SupervisorClient)?.Dispose();
        _locks.ForEach(l => l.Dispose());
    }
}
