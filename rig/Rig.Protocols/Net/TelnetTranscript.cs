using System.Text;

namespace Rig.Protocols.Net;

/// <summary>Which way a transcript chunk went.</summary>
public enum TranscriptDirection
{
    /// <summary>Bytes read from the device, as they came off the wire (negotiation included).</summary>
    Received,

    /// <summary>Bytes the rig sent, as they went on the wire.</summary>
    Sent,

    /// <summary>The single marker after which nothing more was kept.</summary>
    Truncated,
}

/// <summary>One chunk of a session: when (Monotonic.NowNs), which way, and the raw bytes.</summary>
public sealed record TranscriptEntry(long MonoNs, TranscriptDirection Direction, byte[] Data)
{
    /// <summary>The bytes as Latin-1 text: one char per byte, so nothing is lost or invented.</summary>
    public string Text => Encoding.Latin1.GetString(Data);
}

/// <summary>
/// Every chunk in and out of a network session, with timestamps, for evidence. Bounded: once
/// <see cref="Limit"/> bytes are kept, one <see cref="TranscriptDirection.Truncated"/> marker is
/// added and later chunks are only counted.
/// </summary>
/// <remarks>Thread-safe: the reader and the senders add concurrently.</remarks>
public sealed class TelnetTranscript
{
    private readonly List<TranscriptEntry> _entries = [];
    private readonly object _gate = new();
    private long _kept;
    private long _dropped;

    public TelnetTranscript(int limit = 256 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
    }

    /// <summary>Most bytes kept.</summary>
    public int Limit { get; }

    /// <summary>True once something was left out.</summary>
    public bool IsTruncated
    {
        get
        {
            lock (_gate)
            {
                return _dropped > 0;
            }
        }
    }

    /// <summary>Bytes seen but not kept.</summary>
    public long DroppedBytes
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Records a chunk; the part beyond the limit is counted, not kept.</summary>
    public void Add(TranscriptDirection direction, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        long now = Rig.Protocols.Monotonic.NowNs;
        lock (_gate)
        {
            int room = (int)Math.Max(0, Limit - _kept);
            int take = Math.Min(room, data.Length);
            if (take > 0)
            {
                _entries.Add(new TranscriptEntry(now, direction, data[..take].ToArray()));
                _kept += take;
            }

            if (take < data.Length)
            {
                if (_dropped == 0)
                {
                    _entries.Add(new TranscriptEntry(now, TranscriptDirection.Truncated, []));
                }

                _dropped += data.Length - take;
            }
        }
    }

    /// <summary>A copy of the entries so far, in order.</summary>
    public IReadOnlyList<TranscriptEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    /// <summary>All kept bytes of one direction joined, as Latin-1 text.</summary>
    public string Text(TranscriptDirection direction)
    {
        var sb = new StringBuilder();
        lock (_gate)
        {
            foreach (TranscriptEntry e in _entries)
            {
                if (e.Direction == direction)
                {
                    sb.Append(e.Text);
                }
            }
        }

        return sb.ToString();
    }
}
