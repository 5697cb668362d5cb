using System.Text.RegularExpressions;
using Rig.Expect;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// Lets an action read the console while it runs (a login sweep on the console, say) without
/// taking output from the plan's own patterns: each open tap gets its own bounded copy.
/// </summary>
public sealed class ConsoleTaps : IConsoleListener
{
    private ConsoleTap[] _taps = [];
    private readonly Lock _lock = new();

    /// <summary>A tap that sees what the console prints from now on, until disposed.</summary>
    public ConsoleTap Open()
    {
        var tap = new ConsoleTap(this);
        lock (_lock)
        {
            _taps = [.. _taps, tap];
        }

        return tap;
    }

    internal void Close(ConsoleTap tap)
    {
        lock (_lock)
        {
            _taps = _taps.Where(t => t != tap).ToArray();
        }
    }

    public void OnData(long monoNs, ReadOnlySpan<byte> data)
    {
        foreach (ConsoleTap tap in Volatile.Read(ref _taps))
        {
            tap.Append(data);
        }
    }

    public void OnStatus(long monoNs, ConsoleStatus status, string detail)
    {
    }
}

/// <summary>One action's view of the console: bounded expect over what arrived since it was opened.</summary>
public sealed class ConsoleTap : IDisposable
{
    private readonly ConsoleTaps _owner;
    private readonly ExpectBuffer _buffer = new(window: 64 * 1024, lookback: 4096);
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Lock _lock = new();

    internal ConsoleTap(ConsoleTaps owner)
    {
        _owner = owner;
    }

    internal void Append(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            _buffer.Append(data);
        }

        if (_arrived.CurrentCount == 0)
        {
            _arrived.Release();
        }
    }

    /// <summary>Waits for the earliest of <paramref name="patterns"/> in output not yet consumed; null on timeout.</summary>
    public async Task<ExpectHit?> ExpectAsync(IReadOnlyList<Regex> patterns, TimeSpan timeout, CancellationToken ct)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_lock)
        {
            _buffer.Rearm(); // new patterns look at all unconsumed output
        }

        while (true)
        {
            lock (_lock)
            {
                if (_buffer.Scan(patterns) is { } hit)
                {
                    return hit;
                }
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left, ct).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    /// <summary>The unconsumed output so far, at most <paramref name="maxChars"/> (for a reason or a diagnosis).</summary>
    public string Tail(int maxChars = 2048)
    {
        lock (_lock)
        {
            return _buffer.Tail(maxChars);
        }
    }

    /// <summary>Forgets output so far (before typing something whose answer matters).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            _buffer.Flush();
        }
    }

    public void Dispose()
    {
        _owner.Close(this);
        _arrived.Dispose();
    }
}
