using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rig.Protocols;

namespace Rig.Engine.Journal;

/// <summary>
/// The run's append-only record: one JSON object per line, written and flushed per event, so a
/// rig killed with SIGKILL leaves every event up to the kill and a file that still parses.
/// </summary>
/// <remarks>Thread-safe: console readers, actions and the engine loop all write here.</remarks>
public sealed class JournalWriter : IDisposable
{
    /// <summary>The format this rig writes (see JOURNAL.md); <see cref="JournalReader"/> reads it and every older one.</summary>
    public const int FormatVersion = 2;

    private static readonly JsonWriterOptions Options = new()
    {
        // Journals are data, never embedded in HTML; keep them readable with grep.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly Lock _lock = new();
    private readonly FileStream _file;
    private readonly MemoryStream _line = new();
    private readonly Utf8JsonWriter _json;
    private long _seq;

    public JournalWriter(string path)
        : this(path, lastSeq: 0)
    {
        Append(new JournalOpenedEvent(FormatVersion, DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)));
    }

    private JournalWriter(string path, long lastSeq)
    {
        Path = path;
        // Append-only: an existing journal is never truncated.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        _json = new Utf8JsonWriter(_line, Options);
        _seq = lastSeq;
    }

    public string Path { get; }

    /// <summary>
    /// Continues a journal another process wrote (the supervisor's record after the rig died):
    /// no second header, and seq goes on from the journal's last complete line.
    /// </summary>
    public static JournalWriter Continue(string path) => new(path, LastSeq(path));

    private static long LastSeq(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        byte[] tail = new byte[(int)Math.Min(f.Length, 256 * 1024)];
        f.Seek(-tail.Length, SeekOrigin.End);
        f.ReadExactly(tail);
        foreach (string line in System.Text.Encoding.UTF8.GetString(tail).Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty(JournalField.Seq.EncodedUtf8Bytes, out JsonElement seq) && seq.TryGetInt64(out long n))
                {
                    return n;
                }
            }
            catch (JsonException)
            {
                // a line cut by the crash, or the cut head of the tail: look further back
            }
        }

        return 0;
    }

    /// <summary>Appends one event line: seq, mono_ns, ev, then the event's fields.</summary>
    /// <param name="monoNs">When it happened, if not now (a transcript line carries its own time).</param>
    public void Append(JournalEvent e, long? monoNs = null)
    {
        lock (_lock)
        {
            Begin(e.Ev, monoNs ?? Monotonic.NowNs);
            e.WriteFields(_json);
            End(e.Durable);
        }
    }

    /// <summary>Appends a console chunk's reference. The console pipeline calls this per read: it allocates nothing.</summary>
    public void AppendConsoleChunk(string slot, long offset, long length, long monoNs)
    {
        lock (_lock)
        {
            Begin(JournalKind.Console, monoNs);
            ConsoleChunkEvent.Write(_json, slot, offset, length);
            End(durable: false);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _json.Dispose();
            _file.Flush(true);
            _file.Dispose();
        }
    }

    private void Begin(JsonEncodedText ev, long monoNs)
    {
        _line.SetLength(0);
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteNumber(JournalField.Seq, ++_seq);
        _json.WriteNumber(JournalField.MonoNs, monoNs);
        _json.WriteString(JournalField.Ev, ev);
    }

    private void End(bool durable)
    {
        _json.WriteEndObject();
        _json.Flush();
        _line.WriteByte((byte)'\n');
        _file.Write(_line.GetBuffer(), 0, (int)_line.Length);
        // To the kernel now (survives a crash of the rig); to the disk too for verdicts (survives power loss).
        _file.Flush(durable);
    }
}
