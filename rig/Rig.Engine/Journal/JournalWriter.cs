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
    public const int FormatVersion = 1;

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
        Write("journal", w =>
        {
            w.WriteNumber("version", FormatVersion);
            w.WriteString("utc", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        });
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
                if (doc.RootElement.TryGetProperty("seq", out JsonElement seq) && seq.TryGetInt64(out long n))
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

    /// <summary>Appends one event line: seq, mono_ns, ev, then the fields written by <paramref name="fields"/>.</summary>
    /// <param name="monoNs">When it happened, if not now (a console chunk carries its read time).</param>
    public void Write(string ev, Action<Utf8JsonWriter>? fields = null, bool durable = false, long? monoNs = null)
    {
        lock (_lock)
        {
            _line.SetLength(0);
            _json.Reset(_line);
            _json.WriteStartObject();
            _json.WriteNumber("seq", ++_seq);
            _json.WriteNumber("mono_ns", monoNs ?? Monotonic.NowNs);
            _json.WriteString("ev", ev);
            fields?.Invoke(_json);
            _json.WriteEndObject();
            _json.Flush();
            _line.WriteByte((byte)'\n');
            _file.Write(_line.GetBuffer(), 0, (int)_line.Length);
            // To the kernel now (survives a crash of the rig); to the disk too for verdicts (survives power loss).
            _file.Flush(durable);
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
}
