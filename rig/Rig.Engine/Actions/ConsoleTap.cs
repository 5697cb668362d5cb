using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Rig.Drivers.Expect;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// An action's own view of the console: one listener per console for the life of the process
/// (consoles have no unsubscribe), which keeps a bounded window only while an action reads.
/// </summary>
internal sealed class ConsoleTap : IConsoleListener
{
    private static readonly ConditionalWeakTable<IConsole, ConsoleTap> Taps = new();

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _data = new(0, 1);
    private ExpectBuffer? _buffer;

    private ConsoleTap()
    {
    }

    /// <summary>The console's tap, subscribed on first use.</summary>
    public static ConsoleTap For(IConsole console) => Taps.GetValue(console, c =>
    {
        var tap = new ConsoleTap();
        c.Subscribe(tap);
        return tap;
    });

    /// <summary>Starts keeping output from now on (earlier output is not seen).</summary>
    public void Begin()
    {
        lock (_gate)
        {
            _buffer = new ExpectBuffer();
        }
    }

    /// <summary>Stops keeping output.</summary>
    public void End()
    {
        lock (_gate)
        {
            _buffer = null;
        }
    }

    /// <summary>Forgets output seen so far: the next wait sees only what comes after.</summary>
    public void Skip()
    {
        lock (_gate)
        {
            _buffer?.Flush();
        }
    }

    /// <summary>Waits for the first of <paramref name="patterns"/>; null after <paramref name="timeout"/>.</summary>
    public async Task<ExpectHit?> WaitAsync(IReadOnlyList<Regex> patterns, TimeSpan timeout, CancellationToken ct)
    {
        long deadline = Monotonic.NowNs + (long)timeout.TotalMilliseconds * 1_000_000;
        while (true)
        {
            lock (_gate)
            {
                if (_buffer?.Scan(patterns) is { } hit)
                {
                    return hit;
                }
            }

            long left = (deadline - Monotonic.NowNs) / 1_000_000;
            if (left <= 0)
            {
                return null;
            }

            await _data.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(left, 1000)), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The last characters kept, for a message.</summary>
    public string Tail(int chars)
    {
        lock (_gate)
        {
            return _buffer?.Tail(chars) ?? string.Empty;
        }
    }

    public void OnData(long monoNs, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_buffer is null)
            {
                return;
            }

            _buffer.Append(data);
        }

        if (_data.CurrentCount == 0)
        {
            try
            {
                _data.Release();
            }
            catch (SemaphoreFullException)
            {
                // another chunk already woke the reader
            }
        }
    }

    public void OnStatus(long monoNs, ConsoleStatus status, string detail)
    {
    }
}
