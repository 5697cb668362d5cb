using System.Net.Sockets;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>One parsed HTTP/1.1 request head; the admin UI takes no request bodies.</summary>
internal sealed record HttpRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// Reads a request head from a client under hard limits: the whole head within <see cref="MaxHeadBytes"/>
/// and <see cref="HeadTimeout"/> (a slowloris client that trickles bytes is cut off at the deadline, not per read).
/// </summary>
internal static class HttpRequestReader
{
    public const int MaxHeadBytes = 8 * 1024;
    public const int MaxHeaders = 32;
    public static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The request, or null with <paramref name="error"/> saying why (400/408/431 material).</summary>
    public static HttpRequest? Read(Socket client, out int errorStatus)
    {
        errorStatus = 0;
        byte[] buf = new byte[MaxHeadBytes];
        int length = 0;
        long deadline = Environment.TickCount64 + (long)HeadTimeout.TotalMilliseconds;
        int end;
        while ((end = HeadEnd(buf, length)) < 0)
        {
            if (length == buf.Length)
            {
                errorStatus = 431;
                return null;
            }

            int left = (int)(deadline - Environment.TickCount64);
            if (left <= 0 || !client.Poll(left * 1000L > int.MaxValue ? int.MaxValue : left * 1000, SelectMode.SelectRead))
            {
                errorStatus = 408;
                return null;
            }

            int n = client.Receive(buf, length, buf.Length - length, SocketFlags.None);
            if (n == 0)
            {
                return null; // closed before a full request: nothing to answer
            }

            length += n;
        }

        string[] lines = Encoding.Latin1.GetString(buf, 0, end).Split("\r\n");
        string[] first = lines[0].Split(' ');
        if (first.Length != 3 || !first[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || first[0].Length == 0 || first[1].Length == 0)
        {
            errorStatus = 400;
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || headers.Count == MaxHeaders)
            {
                errorStatus = colon <= 0 ? 400 : 431;
                return null;
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new HttpRequest(first[0], first[1], headers);
    }

    private static int HeadEnd(byte[] buf, int length)
    {
        int at = buf.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
        return at;
    }
}
