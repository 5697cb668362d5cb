using System.Text;

namespace Rig.Protocols.Processes;

/// <summary>The last few KiB a command printed: enough for an error message, bounded whatever the command prints.</summary>
/// <remarks>Locked: a process the command left behind may still be writing when the result is read.</remarks>
internal sealed class OutputTail(int capacity)
{
    private readonly object _gate = new();
    private readonly byte[] _ring = new byte[capacity];
    private long _total;

    /// <summary>How many bytes were appended in all, kept or not.</summary>
    public long Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            AppendLocked(data);
        }
    }

    /// <summary>The kept bytes, oldest first.</summary>
    public byte[] ToArray()
    {
        lock (_gate)
        {
            if (_total <= _ring.Length)
            {
                return _ring[..(int)_total];
            }

            int start = (int)(_total % _ring.Length);
            return [.. _ring[start..], .. _ring[..start]];
        }
    }

    private void AppendLocked(ReadOnlySpan<byte> data)
    {
        if (data.Length > _ring.Length)
        {
            // Only the end of a large chunk can survive; skip the rest without copying it.
            _total += data.Length - _ring.Length;
            data = data[^_ring.Length..];
        }

        foreach (byte b in data)
        {
            _ring[(int)(_total % _ring.Length)] = b;
            _total++;
        }
    }

    /// <summary>The kept output as text: invalid UTF-8 and control characters other than newline replaced.</summary>
    public string ToText() => Printable(Encoding.UTF8.GetString(ToArray()), keepNewlines: true);

    /// <summary>The last non-empty line (CR counts as a line end), made printable and cut to <paramref name="max"/> characters; empty if none.</summary>
    public string LastLine(int max = 200)
    {
        string[] lines = Encoding.UTF8.GetString(ToArray())
            .Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : Cut(Printable(lines[^1]), max);
    }

    /// <summary>Text shown in a message, with anything that could fake a line break or a terminal escape replaced.</summary>
    public static string Printable(string text, bool keepNewlines = false) =>
        string.Create(text.Length, (text, keepNewlines), static (dst, s) =>
        {
            for (int i = 0; i < s.text.Length; i++)
            {
                char c = s.text[i];
                dst[i] = c == '\n' && s.keepNewlines ? c : char.IsControl(c) ? '?' : c;
            }
        });

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
