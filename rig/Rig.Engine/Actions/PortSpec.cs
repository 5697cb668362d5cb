using System.Globalization;

namespace Rig.Engine.Actions;

/// <summary>
/// Which TCP ports a scan probes: "all" (1-65535), numbers, ranges like "1-1024", service names
/// the profile declares (their ports), and the ports of a port list file.
/// </summary>
public static class PortSpec
{
    /// <summary>Reads one entry; the service names are resolved when the scan runs. Null when it is not a port, range or name.</summary>
    public static (int From, int To)? ParseRange(string text)
    {
        string t = text.Trim();
        int dash = t.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Port(t) is { } p ? (p, p) : null;
        }

        return Port(t[..dash]) is { } a && Port(t[(dash + 1)..]) is { } b && a <= b ? (a, b) : null;
    }

    /// <summary>
    /// A port list file: one port a line ("7547/tcp  # why, source"); # starts a comment. UDP entries
    /// are skipped (a connect scan cannot see UDP) and counted.
    /// </summary>
    /// <exception cref="InvalidDataException">A line that is not a port, with its line number.</exception>
    public static (IReadOnlyList<int> Tcp, int UdpSkipped) ReadList(string path)
    {
        var tcp = new List<int>();
        int udp = 0;
        int lineNo = 0;
        foreach (string raw in File.ReadLines(path).Take(100_000))
        {
            lineNo++;
            string line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string word = line.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries)[0];
            string[] parts = word.Split('/', 2);
            string proto = parts.Length == 2 ? parts[1] : "tcp";
            if (Port(parts[0]) is not { } port || proto is not ("tcp" or "udp"))
            {
                throw new InvalidDataException($"line {lineNo}: '{Printable(word)}' is not a port like 7547/tcp");
            }

            if (proto == "udp")
            {
                udp++;
            }
            else if (!tcp.Contains(port))
            {
                tcp.Add(port);
            }
        }

        return (tcp, udp);
    }

    private static int? Port(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is >= 1 and <= 65535 ? p : null;

    private static string Printable(string s) => new(s.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
