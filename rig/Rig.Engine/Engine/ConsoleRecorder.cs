using Rig.Engine.Journal;
using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>
/// Writes every console byte, exactly as received, to the raw log, and a reference to each chunk
/// (time, offset, length) to the journal, so evidence can be cut from the log with its timestamps.
/// </summary>
internal sealed class ConsoleRecorder : IConsoleListener, IDisposable
{
    private readonly FileStream _raw;
    private readonly JournalWriter _journal;
    private readonly string _slot;
    private long _offset;

    public ConsoleRecorder(string rawPath, JournalWriter journal, string slot)
    {
        _raw = new FileStream(rawPath, FileMode.Append, FileAccess.Write, FileShare.Read, 1);
        _offset = _raw.Length;
        _journal = journal;
        _slot = slot;
        RawPath = rawPath;
    }

    public string RawPath { get; }

    /// <summary>Bytes in the raw log so far: where the next byte from the device will be written.</summary>
    public long Offset => Volatile.Read(ref _offset);

    public void OnData(long monoNs, ReadOnlySpan<byte> data)
    {
        _raw.Write(data);
        _raw.Flush(); // to the kernel: a crash of the rig loses nothing already read
        long offset = _offset;
        Volatile.Write(ref _offset, offset + data.Length);
        int length = data.Length;
        _journal.AppendConsoleChunk(_slot, offset, length, monoNs);
    }

    public void OnStatus(long monoNs, ConsoleStatus status, string detail) =>
        _journal.Append(new ConsoleStatusEvent(_slot, status.ToString().ToLowerInvariant(), detail), monoNs);

    public void Dispose() => _raw.Dispose();
}
