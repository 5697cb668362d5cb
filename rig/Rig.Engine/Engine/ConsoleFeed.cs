using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>
/// Hands console bytes from the reader thread to the run's loop, which matches them on the
/// reader's thread when it is waiting (no thread switch per chunk) and later when it is busy.
/// Bounded: if the loop falls behind a flooding device, the oldest unmatched bytes are dropped
/// from matching (never from the raw log, which another listener writes).
/// </summary>
internal sealed class ConsoleFeed(RunEventQueue queue, int capacity = 1024 * 1024) : IConsoleListener
{
    private readonly Lock _lock = new();
    private byte[] _pending = new byte[capacity];
    private byte[] _spare = new byte[capacity];
    private int _length;
    private bool _signalled;

    /// <summary>Bytes dropped from matching because the loop fell behind.</summary>
    public long Dropped { get; private set; }

    public void OnData(long monoNs, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (data.Length >= _pending.Length)
            {
                Dropped += _length + data.Length - _pending.Length;
                data[^_pending.Length..].CopyTo(_pending);
                _length = _pending.Length;
            }
            else
            {
                int overflow = _length + data.Length - _pending.Length;
                if (overflow > 0)
                {
                    Buffer.BlockCopy(_pending, overflow, _pending, 0, _length - overflow);
                    _length -= overflow;
                    Dropped += overflow;
                }

                data.CopyTo(_pending.AsSpan(_length));
                _length += data.Length;
            }

            if (_signalled)
            {
                return;
            }

            _signalled = true;
        }

        ConsoleDelivery.Deliver(queue, ConsoleDataReady.Instance);
    }

    public void OnStatus(long monoNs, ConsoleStatus status, string detail) =>
        queue.Post(new ConsoleStatusChanged(monoNs, status, detail));

    /// <summary>
    /// Takes the waiting bytes. Called on the run's loop only; what it returns stays valid until
    /// the next call (the reader fills the other buffer meanwhile).
    /// </summary>
    public ReadOnlyMemory<byte> Take()
    {
        lock (_lock)
        {
            (byte[] taken, _pending, _spare) = (_pending, _spare, _pending);
            int length = _length;
            _length = 0;
            _signalled = false;
            return taken.AsMemory(0, length);
        }
    }
}
