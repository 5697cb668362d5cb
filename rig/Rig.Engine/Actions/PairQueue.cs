namespace Rig.Engine.Actions;

/// <summary>
/// The pairs of a sweep handed out in list order to any number of workers. A pair a worker could
/// not try (its session would not reconnect) goes back to the front, so the order barely moves.
/// </summary>
internal sealed class PairQueue(int count)
{
    private readonly Lock _gate = new();
    private readonly Stack<int> _returned = new();
    private int _next;

    /// <summary>The index of the next pair to try; false when every pair was handed out.</summary>
    public bool TryTake(out int index)
    {
        lock (_gate)
        {
            if (_returned.TryPop(out index))
            {
                return true;
            }

            index = _next;
            if (_next >= count)
            {
                return false;
            }

            _next++;
            return true;
        }
    }

    /// <summary>Hands an untried pair back for another worker.</summary>
    public void Return(int index)
    {
        lock (_gate)
        {
            _returned.Push(index);
        }
    }
}
