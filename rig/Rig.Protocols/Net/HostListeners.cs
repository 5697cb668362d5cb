using System.Globalization;

namespace Rig.Protocols.Net;

/// <summary>
/// The ports this host itself listens on for every address (0.0.0.0 or ::), read from the kernel's
/// socket tables. On loopback they answer at any 127.x address, so a virtual device's scan would
/// see them; they are the bench's, not the device's.
/// </summary>
public static class HostListeners
{
    private const string Listen = "0A";

    public static IReadOnlySet<int> WildcardPorts() =>
        Read("/proc/net/tcp", "00000000").Concat(Read("/proc/net/tcp6", "00000000000000000000000000000000")).ToHashSet();

    /// <summary>Ports with a listener bound to exactly <paramref name="address"/> (IPv4): a device on loopback listening itself.</summary>
    public static IReadOnlySet<int> BoundTo(System.Net.IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? Read("/proc/net/tcp", Convert.ToHexString(address.GetAddressBytes().Reverse().ToArray())).ToHashSet()
            : new HashSet<int>();

    private static IEnumerable<int> Read(string table, string wildcard)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(table);
        }
        catch (IOException)
        {
            yield break; // no IPv6, or no procfs: nothing to leave out
        }

        foreach (string line in lines.Skip(1))
        {
            // "  sl  local_address rem_address   st ...": local is ADDR:PORT in hex.
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 3 && f[3] == Listen && f[1].Split(':') is [var address, var port] && address == wildcard
                && int.TryParse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int p))
            {
                yield return p;
            }
        }
    }
}
