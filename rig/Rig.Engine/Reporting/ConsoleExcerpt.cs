using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>Cuts a plan's console output out of the raw log into timestamped lines, bounded in count.</summary>
internal static class ConsoleExcerpt
{
    public const int MaxLines = 200;
    private const int MaxLineBytes = 4096;

    /// <param name="chunks">(mono_ns, offset, length) of every console chunk, in order.</param>
    public static IReadOnlyList<EvidenceLine> Cut(string rawLog, IReadOnlyList<(long Mono, long Offset, int Length)> chunks, long fromNs, long toNs, long startNs)
    {
        var selected = chunks.Where(c => c.Mono >= fromNs && c.Mono <= toNs).ToList();
        if (selected.Count == 0 || !File.Exists(rawLog))
        {
            return [];
        }

        var lines = new List<EvidenceLine>();
        var current = new List<byte>();
        long lineStart = selected[0].Mono;
        using FileStream raw = File.OpenRead(rawLog);
        byte[] buf = new byte[64 * 1024];
        foreach (var (mono, offset, length) in selected)
        {
            raw.Position = offset;
            int left = length;
            while (left > 0)
            {
                int n = raw.Read(buf, 0, Math.Min(buf.Length, left));
                if (n <= 0)
                {
                    break;
                }

                left -= n;
                for (int i = 0; i < n; i++)
                {
                    if (current.Count == 0)
                    {
                        lineStart = mono;
                    }

                    if (buf[i] == (byte)'\n')
                    {
                        Add(lines, current, lineStart, startNs);
                    }
                    else if (current.Count < MaxLineBytes)
                    {
                        current.Add(buf[i]); // a flood line is cut here; the raw log keeps all of it
                    }
                }
            }
        }

        Add(lines, current, lineStart, startNs);
        return lines.Count <= MaxLines ? lines : lines[^MaxLines..];
    }

    private static void Add(List<EvidenceLine> lines, List<byte> current, long mono, long startNs)
    {
        if (current.Count == 0)
        {
            return;
        }

        if (current[^1] == (byte)'\r')
        {
            current.RemoveAt(current.Count - 1);
        }

        lines.Add(new EvidenceLine(mono - startNs, "rx", current.ToArray()));
        current.Clear();
        if (lines.Count > 4 * MaxLines)
        {
            lines.RemoveRange(0, lines.Count - MaxLines); // keep memory bounded while reading a long plan
        }
    }
}
