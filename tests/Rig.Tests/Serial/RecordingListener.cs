using System.Security.Cryptography;
using Rig.Protocols;

namespace Rig.Tests.Serial;

/// <summary>Records what a console delivers, and lets a test wait for a condition without polling.</summary>
internal sealed class RecordingListener(bool keepBytes = true) : IConsoleListener
{
    private readonly object _gate = new();
    private readonly MemoryStream _bytes = new();
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<long> _chunkTimes = new(capacity: 16_384); // room up front: recording must not allocate per chunk on the reader thread
    private readonly List<(ConsoleStatus Status, string Detail)> _statuses = [];
    private long _count;

    public void OnData(long monoNs, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (keepBytes)
            {
                _bytes.Write(data);
            }

            _sha.AppendData(data);
            _count += data.Length;
            _chunkTimes.Add(monoNs);
            Monitor.PulseAll(_gate);
        }
    }

    public void OnStatus(long monoNs, ConsoleStatus status, string detail)
    {
        lock (_gate)
        {
            _statuses.Add((status, detail));
            Monitor.PulseAll(_gate);
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public byte[] Bytes()
    {
        lock (_gate)
        {
            return _bytes.ToArray();
        }
    }

    public long[] ChunkTimes()
    {
        lock (_gate)
        {
            return [.. _chunkTimes];
        }
    }

    public byte[] Sha256()
    {
        lock (_gate)
        {
            return _sha.GetCurrentHash();
        }
    }

    public (ConsoleStatus Status, string Detail)[] Statuses()
    {
        lock (_gate)
        {
            return [.. _statuses];
        }
    }

    public int CountOf(ConsoleStatus status) => Statuses().Count(s => s.Status == status);

    public string[] DetailsOf(ConsoleStatus status) => [.. Statuses().Where(s => s.Status == status).Select(s => s.Detail)];

    /// <summary>Waits until <paramref name="condition"/> holds; the timeout only guards against a hang.</summary>
    public void WaitUntil(Func<bool> condition, string what, double seconds = 10)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        lock (_gate)
        {
            while (!condition())
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    Assert.Fail($"timed out after {seconds} s waiting for {what}; statuses: "
                        + string.Join(" | ", _statuses.Select(s => $"{s.Status}: {s.Detail}")));
                }

                Monitor.Wait(_gate, left);
            }
        }
    }

    public void WaitForStatus(ConsoleStatus status, int count = 1, double seconds = 10) =>
        WaitUntil(() => _statuses.Count(s => s.Status == status) >= count, $"{count} x {status}", seconds);

    public void WaitForBytes(long count, double seconds = 10) =>
        WaitUntil(() => _count >= count, $"{count} bytes (have {_count})", seconds);
}
