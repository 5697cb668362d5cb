using System.Text;

namespace Rig.Engine.Actions;

/// <summary>The raw console capture read back as lines with their byte offsets; a line is cut at <see cref="MaxLine"/> bytes so a flood without newlines stays bounded.</summary>
internal static class ConsoleLines
{
    public const int MaxLine = 4096;

    /// <summary>Lines from <paramref name="from"/> to the end as it is now, decoded as Latin-1 so offsets stay bytes.</summary>
    public static IEnumerable<(long Offset, string Text)> Read(string path, long from)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long end = file.Length;
        if (from >= end)
        {
            yield break;
        }

        file.Position = from;
        byte[] buf = new byte[64 * 1024];
        var line = new List<byte>(MaxLine);
        long lineStart = from;
        long pos = from;
        while (pos < end)
        {
            int n = file.Read(buf, 0, (int)Math.Min(buf.Length, end - pos));
            if (n <= 0)
            {
                break;
            }

            for (int i = 0; i < n; i++, pos++)
            {
                byte b = buf[i];
                if (b is (byte)'\n' or (byte)'\r' || line.Count >= MaxLine)
                {
                    if (line.Count > 0)
                    {
                        yield return (lineStart, Encoding.Latin1.GetString(line.ToArray()));
                    }

                    line.Clear();
                    lineStart = pos + 1;
                    if (b is (byte)'\n' or (byte)'\r')
                    {
                        continue;
                    }

                    lineStart = pos;
                }

                line.Add(b);
            }
        }

        if (line.Count > 0)
        {
            yield return (lineStart, Encoding.Latin1.GetString(line.ToArray()));
        }
    }
}
