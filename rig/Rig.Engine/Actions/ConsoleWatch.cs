using System.Text;

namespace Rig.Engine.Actions;

/// <summary>
/// Follows the raw console capture from an offset and keeps its last few KiB as text (Latin-1):
/// enough to see a prompt, bounded whatever the device prints.
/// </summary>
internal sealed class ConsoleWatch(string path, long? from)
{
    public const int Keep = 4096;

    private long _pos = from ?? (File.Exists(path) ? new FileInfo(path).Length : 0);
    private string _tail = "";

    /// <summary>Reads what arrived since the last call; returns the tail.</summary>
    public string Poll()
    {
        if (!File.Exists(path))
        {
            return _tail;
        }

        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = f.Length;
        if (length <= _pos)
        {
            return _tail;
        }

        long start = Math.Max(_pos, length - Keep); // older bytes would fall out of the tail anyway
        f.Position = start;
        byte[] buf = new byte[length - start];
        int n = f.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        _pos = start + n;
        string joined = _tail + Encoding.Latin1.GetString(buf, 0, n);
        _tail = joined.Length > Keep ? joined[^Keep..] : joined;
        return _tail;
    }
}
