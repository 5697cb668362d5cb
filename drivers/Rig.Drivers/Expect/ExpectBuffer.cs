using System.Text;
using System.Text.RegularExpressions;

namespace Rig.Drivers.Expect;

/// <summary>
/// Bounded expect matching over a byte stream: only new data plus a look-back is searched,
/// never the whole history, so cost stays linear in the output (pexpect's is quadratic).
/// </summary>
/// <remarks>
/// Bytes map one-to-one to chars (Latin-1), so offsets are byte offsets and invalid UTF-8 cannot
/// break matching. Not thread-safe: one owner appends and scans (the run's event loop).
/// </remarks>
public sealed class ExpectBuffer
{
    private readonly char[] _buf;
    private readonly int _window;
    private readonly int _lookback;
    private int _len;          // chars held in _buf
    private long _base;        // stream offset of _buf[0]
    private long _consumed;    // stream offset up to which data was consumed by a match or flush
    private long _scanned;     // stream offset up to which the armed patterns have been searched

    /// <param name="window">Most chars kept for a pattern that starts waiting (the unconsumed tail).</param>
    /// <param name="lookback">Longest match that can straddle old and new data.</param>
    public ExpectBuffer(int window = 64 * 1024, int lookback = 4096)
    {
        if (window <= 0 || lookback <= 0 || lookback > window)
        {
            throw new ArgumentOutOfRangeException(nameof(lookback), "need 0 < lookback <= window");
        }

        _window = window;
        _lookback = lookback;
        _buf = new char[2 * window]; // slack so the tail moves down once per window, not per chunk
    }

    /// <summary>Stream offset of the end of the data appended so far.</summary>
    public long End => _base + _len;

    /// <summary>Appends device output. Memory stays at twice the window whatever the input.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _window)
        {
            // A flood chunk: only its tail can be searched, the rest is already on disk.
            _base += _len + data.Length - _window;
            _len = 0;
            data = data[^_window..];
        }
        else if (_len + data.Length > _buf.Length)
        {
            int keep = _window - data.Length;
            Array.Copy(_buf, _len - keep, _buf, 0, keep);
            _base += _len - keep;
            _len = keep;
        }

        _len += Encoding.Latin1.GetChars(data, _buf.AsSpan(_len));
    }

    /// <summary>Marks everything so far as consumed: later scans see only newer output.</summary>
    public void Flush() => _consumed = _scanned = End;

    /// <summary>Forgets how far armed patterns searched, so the next scan looks at the whole unconsumed tail.</summary>
    /// <remarks>Call when a new set of patterns is armed (entering a state).</remarks>
    public void Rearm() => _scanned = _consumed;

    /// <summary>The unconsumed text that a scan can still see (for evidence and diagnostics).</summary>
    public string Tail(int maxChars)
    {
        long from = Math.Max(Math.Max(_consumed, _base), End - maxChars);
        return new string(_buf, (int)(from - _base), (int)(End - from));
    }

    /// <summary>
    /// Searches the armed patterns in data not yet searched, plus the look-back. The earliest
    /// match wins; ties go to the earlier pattern. A hit consumes the stream up to its end.
    /// </summary>
    /// <param name="signatures">Optional: literals that let patterns be skipped when the text lacks them.</param>
    public ExpectHit? Scan(IReadOnlyList<Regex> patterns, PatternSignatures? signatures = null)
    {
        long lowest = Math.Max(_consumed, _base);
        long from = _scanned <= lowest ? lowest : Math.Max(lowest, _scanned - LookBack(patterns));
        _scanned = End;
        if (patterns.Count == 0 || from >= End)
        {
            return null;
        }

        // One character of what precedes, as context only: '^', '\b' and look-behinds must not take
        // the scan's start for the start of a line or a word.
        int context = from > _base ? 1 : 0;
        ReadOnlySpan<char> region = _buf.AsSpan((int)(from - context - _base), (int)(End - from) + context);
        int best = -1;
        int bestIndex = int.MaxValue;
        bool signed = signatures is null || signatures.AnyIn(region);
        for (int p = 0; p < patterns.Count; p++)
        {
            if (!signed && signatures!.Covers(p))
            {
                continue; // its signature is not in the text: it cannot match
            }

            foreach (ValueMatch m in patterns[p].EnumerateMatches(region, context))
            {
                if (m.Index < bestIndex)
                {
                    best = p;
                    bestIndex = m.Index;
                }

                break;
            }
        }

        if (best < 0)
        {
            return null;
        }

        // Only a hit pays for a string: captures need a Match object.
        string text = region.ToString();
        Match match = patterns[best].Match(text, bestIndex);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Group g in match.Groups)
        {
            if (g.Success && !int.TryParse(g.Name, out _))
            {
                groups[g.Name] = g.Value;
            }
        }

        long start = from - context + match.Index;
        _consumed = start + match.Length;
        _scanned = _consumed; // the rest of this data is still unsearched for the next patterns
        return new ExpectHit(best, match.Value, groups, start);
    }

    /// <summary>
    /// How far back a match that straddles the last scan's end can start: the widest armed
    /// pattern's reach, less one (a match wholly inside old text was already found), at most the
    /// configured look-back. Small reads at a slow baud rate then cost what they carry.
    /// </summary>
    private int LookBack(IReadOnlyList<Regex> patterns)
    {
        int reach = 0;
        foreach (Regex p in patterns)
        {
            reach = Math.Max(reach, PatternReach.Of(p) ?? _lookback + 1);
        }

        return Math.Clamp(reach - 1, 0, _lookback);
    }
}

/// <summary>A pattern that matched: which one, the text, its named captures, where in the stream.</summary>
public sealed record ExpectHit(int PatternIndex, string Text, IReadOnlyDictionary<string, string> Captures, long StreamOffset);
