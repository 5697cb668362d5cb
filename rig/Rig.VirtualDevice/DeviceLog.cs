using System.Globalization;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>The device's own log (vdev.log in its state folder): what it did, for the lab and for the power switch's errors.</summary>
/// <remarks>
/// Bounded: the previous log is rotated once at power-on when it has grown large, and one run
/// stops logging at <see cref="MaxRunBytes"/>, so a scanner hammering telnet cannot fill the disk.
/// </remarks>
internal sealed class DeviceLog : IDisposable
{
    public const string FileName = "vdev.log";
    public const long RotateBytes = 1024 * 1024;
    public const long MaxRunBytes = 4 * 1024 * 1024;

    private readonly FileStream _file;
    private readonly object _gate = new();
    private long _written;
    private bool _full;

    private DeviceLog(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Path { get; }

    public static DeviceLog Open(string stateDir)
    {
        string path = System.IO.Path.Combine(stateDir, FileName);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > RotateBytes)
        {
            File.Move(path, path + ".1", overwrite: true);
        }

        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return new DeviceLog(file, path);
    }

    /// <summary>Appends one line, UTC-stamped. Device-supplied text must go through <see cref="Safe"/> first.</summary>
    public void Write(string message)
    {
        string line = $"{DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {message}\n";
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            if (_full)
            {
                return;
            }

            if (_written + bytes.Length > MaxRunBytes)
            {
                _full = true;
                bytes = "... log limit reached, nothing more is logged in this run\n"u8.ToArray();
            }

            try
            {
                _file.Write(bytes);
                _file.Flush();
                _written += bytes.Length;
            }
            catch (IOException)
            {
                // a full disk must not stop the device
            }
        }
    }

    /// <summary>Text from outside (a login name, a peer) made safe for one log line: printable, capped.</summary>
    public static string Safe(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text.Length > 64 ? text[..64] : text)
        {
            sb.Append(c is < ' ' or > '~' ? $"\\x{(int)c:x2}" : c.ToString());
        }

        return text.Length > 64 ? sb.Append("...").ToString() : sb.ToString();
    }

    public void Dispose() => _file.Dispose();
}
