using System.Text;
using System.Text.RegularExpressions;

namespace Rig.Expect;

/// <summary>
/// Bounded expect matching over a byte stream: only new data plus a look-back is searched,
/// never the whole history, so cost stays linear in the output (pexpect's is quadratic).
/// </summary>
/// <remarks>
/// Patterns see a normalised view: terminal control sequences are dropped (<see cref="TerminalFilter"/>)
/// and a bare carriage return starts a line, so a prompt anchored at the end still matches when
/// busybox follows it with a cursor-position query, and '^' matches after a lone CR. Other bytes
/// map one-to-one to chars (Latin-1), so invalid UTF-8 cannot break matching. Offsets that leave
/// this class are raw byte offsets into the console stream (the raw log stays byte-exact).
/// Not thread-safe: one owner appends and scans (the run's event loop).
/// </remarks>
public sealed class ExpectBuffer
{
    private readonly char[] _buf;
    private readonly int _window;
    private readonly int _lookback;
    private readonly TerminalFilter _filter = new();
    private readonly List<(long At, long Shift)> _shifts = []; // from view offset At on, raw = view + Shift
    private int _len;          // chars held in _buf
    private long _base;        // view offset of _buf[0] (offsets below are in the normalised view)
    private long _consumed;    // view offset up to which data was consumed by a match or flush
    private long _scanned;     // view offset up to which the armed patterns have been searched
    private long _raw;         // raw bytes appended so far
    private long _shift;       // raw bytes dropped from the view so far
    private bool _lastIsCr;    // the view ends in a CR whose successor is not known yet

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

    /// <summary>Raw stream offset of the end of the data appended so far.</summary>
    public long End => _raw;

    /// <summary>View offset of the end of the data appended so far.</summary>
    private long Head => _base + _len;

    /// <summary>Appends device output. Memory stays at twice the window whatever the input.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        _raw += data.Length;
        if (data.Length >= _window)
        {
            // A flood chunk: only its tail can be searched, the rest is already on disk.
            int skipped = data.Length - _window;
            _base += _len + skipped;
            _len = 0;
            _lastIsCr = false;
            _filter.Reset();
            data = data[skipped..];
            ForgetShiftsBelow(_base);
        }
        else if (_len + data.Length > _buf.Length)
        {
            int keep = _window - data.Length;
            Array.Copy(_buf, _len - keep, _buf, 0, keep);
            _base += _len - keep;
            _len = keep;
            ForgetShiftsBelow(_base);
        }

        // Text runs are copied in bulk; only the bytes of terminal sequences go one by one.
        int i = 0;
        while (i < data.Length)
        {
            if (_filter.InText)
            {
                int esc = data[i..].IndexOf((byte)0x1B);
                int text = esc < 0 ? data.Length - i : esc;
                AppendText(data.Slice(i, text));
                i += text;
                if (i == data.Length)
                {
                    break;
                }
            }

            if (_filter.Keep(data[i]))
            {
                AppendText(data.Slice(i, 1));
            }
            else
            {
                Drop();
            }

            i++;
        }
    }

    /// <summary>Copies text into the view; a CR not followed by LF becomes a line start (LF).</summary>
    private void AppendText(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (_lastIsCr && text[0] != (byte)'\n')
        {
            _buf[_len - 1] = '\n';
        }

        Span<char> into = _buf.AsSpan(_len, text.Length);
        Encoding.Latin1.GetChars(text, into);
        for (int at = text.IndexOf((byte)'\r'); at >= 0 && at < text.Length - 1;)
        {
            if (text[at + 1] != (byte)'\n')
            {
                into[at] = '\n';
            }

            int next = text[(at + 1)..].IndexOf((byte)'\r');
            at = next < 0 ? -1 : at + 1 + next;
        }

        _lastIsCr = text[^1] == (byte)'\r';
        _len += text.Length;
    }

    /// <summary>One raw byte that the view leaves out: later view offsets map one byte further on.</summary>
    private void Drop()
    {
        _shift++;
        if (_shifts.Count > 0 && _shifts[^1].At == Head)
        {
            _shifts[^1] = (Head, _shift);
        }
        else
        {
            _shifts.Add((Head, _shift));
        }
    }

    /// <summary>Keeps the shifts that can still map a view offset at or above <paramref name="floor"/>.</summary>
    private void ForgetShiftsBelow(long floor)
    {
        int below = 0;
        while (below + 1 < _shifts.Count && _shifts[below + 1].At <= floor)
        {
            below++;
        }

        if (below > 0)
        {
            _shifts.RemoveRange(0, below);
        }
    }

    /// <summary>The raw stream offset of a view offset.</summary>
    private long RawOf(long view)
    {
        int lo = 0, hi = _shifts.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_shifts[mid].At <= view)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return view + (found < 0 ? 0 : _shifts[found].Shift);
    }

    /// <summary>Marks everything so far as consumed: later scans see only newer output.</summary>
    public void Flush()
    {
        _consumed = _scanned = Head;
        Flushes++;
    }

    /// <summary>How many times <see cref="Flush"/> was called: what was pending on older output is void.</summary>
    public int Flushes { get; private set; }

    /// <summary>Forgets how far armed patterns searched, so the next scan looks at the whole unconsumed tail.</summary>
    /// <remarks>Call when a new set of patterns is armed (entering a state).</remarks>
    public void Rearm() => _scanned = _consumed;

    /// <summary>The unconsumed text that a scan can still see (for evidence and diagnostics).</summary>
    public string Tail(int maxChars)
    {
        long from = Math.Max(Math.Max(_consumed, _base), Head - maxChars);
        return new string(_buf, (int)(from - _base), (int)(Head - from));
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
        _scanned = Head;
        if (patterns.Count == 0 || from >= Head)
        {
            return null;
        }

        // One character of what precedes, as context only: '^', '\b' and look-behinds must not take
        // the scan's start for the start of a line or a word.
        int context = from > _base ? 1 : 0;
        ReadOnlySpan<char> region = _buf.AsSpan((int)(from - context - _base), (int)(Head - from) + context);
        int best = -1;
        int bestIndex = int.MaxValue;
        bool signed = signatures is null || signatures.AnyIn(region);
        for (int p = 0; p < patterns.Count; p++)
        {
            if (signatures is not null && signatures.Covers(p) && (!signed || !signatures.In(p, region)))
            {
                continue; // its signature is not in the text: it cannot match (nor need compiling: DeferredPatterns)
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
        return new ExpectHit(best, match.Value, groups, RawOf(start)) { StreamEnd = RawOf(_consumed) };
    }

    /// <summary>
    /// How far back a match that straddles the last scan's end can start: the widest armed
    /// pattern's reach, less one (a match wholly inside old text was already found), at most the
    /// configured look-back. Small reads at a slow baud rate then cost what they carry.
    /// </summary>
    private int LookBack(IReadOnlyList<Regex> patterns)
    {
        if (patterns is DeferredPatterns deferred)
        {
            return Math.Clamp((deferred.Reach ?? _lookback + 1) - 1, 0, _lookback); // without compiling them
        }

        int reach = 0;
        foreach (Regex p in patterns)
        {
            reach = Math.Max(reach, PatternReach.Of(p) ?? _lookback + 1);
        }

        return Math.Clamp(reach - 1, 0, _lookback);
    }
}

/// <summary>A pattern that matched: which one, the text (as patterns see it), its named captures, where in the raw stream.</summary>
public sealed record ExpectHit(int PatternIndex, string Text, IReadOnlyDictionary<string, string> Captures, long StreamOffset)
{
    /// <summary>Raw stream offset just past the match (terminal sequences inside it make it more than the text's length).</summary>
    public long StreamEnd { get; init; } = StreamOffset + Text.Length;
}
