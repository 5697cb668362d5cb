using Rig.Protocols;

namespace Rig.Drivers.Serial;

/// <summary>A console's listeners: copy-on-write, so the reader iterates without a lock, and isolated from each other's exceptions.</summary>
/// <remarks>
/// A listener that throws keeps receiving (a journal with a transient error should not lose the
/// rest of the capture). Its first exception is reported to every listener as
/// <see cref="ConsoleStatus.Failed"/> naming the listener; later ones are swallowed.
/// </remarks>
internal sealed class ConsoleListeners(string device)
{
    private sealed class Slot(IConsoleListener listener)
    {
        public readonly IConsoleListener Listener = listener;
        public bool Faulted;
    }

    private readonly Lock _gate = new();
    private Slot[] _slots = [];

    public void Add(IConsoleListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            Volatile.Write(ref _slots, [.. _slots, new Slot(listener)]);
        }
    }

    public void Data(long monoNs, ReadOnlySpan<byte> data)
    {
        foreach (Slot slot in Volatile.Read(ref _slots))
        {
            try
            {
                slot.Listener.OnData(monoNs, data);
            }
            catch (Exception e)
            {
                Fault(slot, e);
            }
        }
    }

    public void Status(long monoNs, ConsoleStatus status, string detail)
    {
        foreach (Slot slot in Volatile.Read(ref _slots))
        {
            try
            {
                slot.Listener.OnStatus(monoNs, status, detail);
            }
            catch (Exception e)
            {
                Fault(slot, e);
            }
        }
    }

    private void Fault(Slot slot, Exception e)
    {
        if (slot.Faulted)
        {
            return;
        }

        slot.Faulted = true;
        Status(Monotonic.NowNs, ConsoleStatus.Failed,
            $"{device}: listener {slot.Listener.GetType().Name} threw {e.GetType().Name}: {e.Message} (it keeps receiving; further exceptions are not reported)");
    }
}
