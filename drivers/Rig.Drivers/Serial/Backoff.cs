namespace Rig.Drivers.Serial;

/// <summary>A doubling delay with a ceiling, so a failing or flapping node is retried without spinning.</summary>
internal struct Backoff(int firstMs, int maxMs)
{
    private readonly int _firstMs = firstMs;
    private readonly int _maxMs = maxMs;
    private int _nextMs = firstMs;

    /// <summary>The delay to wait now; the one after is twice as long, up to the ceiling.</summary>
    public int Next()
    {
        int now = _nextMs;
        _nextMs = Math.Min(_maxMs, now * 2);
        return now;
    }

    public void Reset() => _nextMs = _firstMs;
}
