using System.Net;
using System.Net.Sockets;
using System.Text;
using Rig.Protocols;

namespace Rig.Protocols.Net;

/// <summary>
/// A minimal HTTP/1.1 client for probing a device's logins: one GET per connection, the head
/// read under a size limit and one overall deadline (a server that trickles bytes or never
/// answers cannot hold it), the body ignored. Its own code rather than HttpClient so every
/// byte lands in a transcript for evidence.
/// </summary>
public static class HttpProbe
{
    public const int MaxHeadBytes = 16 * 1024;
    public const int MaxHeaders = 64;

    /// <summary>GETs <paramref name="path"/> with an optional Authorization header.</summary>
    /// <exception cref="ServiceConnectException">Nothing listens, or the connect timed out.</exception>
    public static async Task<HttpAnswer> GetAsync(
        IPEndPoint endpoint, string path, string? authorization, TimeSpan connectTimeout, TimeSpan answerTimeout, CancellationToken ct)
    {
        using Socket socket = await ServiceConnect.ConnectAsync("http", endpoint, connectTimeout, ct).ConfigureAwait(false);
        var transcript = new TelnetTranscript(64 * 1024);
        var request = new StringBuilder($"GET {path} HTTP/1.1\r\nHost: {endpoint}\r\nUser-Agent: rig\r\nConnection: close\r\n");
        if (authorization is not null)
        {
            request.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        byte[] bytes = Encoding.Latin1.GetBytes(request.Append("\r\n").ToString());
        long start = Monotonic.NowNs;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(answerTimeout);
        byte[] buf = new byte[MaxHeadBytes];
        int length = 0;
        try
        {
            transcript.Add(TranscriptDirection.Sent, bytes);
            await socket.SendAsync(bytes, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            int end;
            while ((end = buf.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (length == buf.Length)
                {
                    return Fail(HttpOutcome.TooLarge, $"the answer's head exceeds {MaxHeadBytes} bytes");
                }

                int n = await socket.ReceiveAsync(buf.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return Fail(HttpOutcome.Malformed, length == 0 ? "closed without answering" : "closed in the middle of the answer's head");
                }

                transcript.Add(TranscriptDirection.Received, buf.AsSpan(length, n));
                length += n;
            }

            return Parse(Encoding.Latin1.GetString(buf, 0, end));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail(HttpOutcome.TimedOut, $"no complete answer within {answerTimeout.TotalSeconds:0.###} s ({length} bytes came)");
        }
        catch (SocketException e)
        {
            return Fail(HttpOutcome.Malformed, $"connection failed: {e.Message}");
        }

        HttpAnswer Fail(HttpOutcome outcome, string detail) =>
            new(outcome, 0, [], Monotonic.NowNs - start, $"http {endpoint}{path}: {detail}", transcript.Snapshot());

        HttpAnswer Parse(string head)
        {
            string[] lines = head.Split("\r\n");
            string[] status = lines[0].Split(' ', 3);
            if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
                || status[1].Length != 3 || !int.TryParse(status[1], out int code) || code < 100)
            {
                return Fail(HttpOutcome.Malformed, $"not an HTTP status line: '{Printable(lines[0])}'");
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return Fail(HttpOutcome.Malformed, $"bad header line '{Printable(line)}'");
                }

                if (headers.Count == MaxHeaders)
                {
                    return Fail(HttpOutcome.TooLarge, $"more than {MaxHeaders} headers");
                }

                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            return new HttpAnswer(HttpOutcome.Answered, code, headers, Monotonic.NowNs - start, $"http {endpoint}{path}: {code}", transcript.Snapshot());
        }
    }

    /// <summary>Device text in one line of a message: control characters escaped, capped.</summary>
    public static string Printable(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 80 ? s[..80] : s)
        {
            sb.Append(c is < ' ' or > '~' ? $"\\x{(int)c:x2}" : c.ToString());
        }

        return s.Length > 80 ? sb.Append("...").ToString() : sb.ToString();
    }
}
