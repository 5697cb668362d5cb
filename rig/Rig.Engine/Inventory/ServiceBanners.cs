using System.Net;
using System.Net.Sockets;
using System.Text;
using Rig.Protocols.Net;

namespace Rig.Engine.Inventory;

/// <summary>
/// What a device's services say about their software: an SSH server's identification line
/// (RFC 4253 4.2: the server sends it first, maybe after other lines) and an HTTP server's
/// Server header. Each read is bounded in bytes and time; a service that says nothing gives null.
/// </summary>
internal static class ServiceBanners
{
    /// <summary>RFC 4253 allows 255 bytes for the identification line; lines before it are read up to this many bytes in all.</summary>
    public const int MaxSshPreamble = 4096;

    /// <summary>The "SSH-2.0-..." line, without its CR LF; null when none came in time.</summary>
    public static async Task<string?> SshVersionAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        byte[] buf = new byte[MaxSshPreamble];
        int length = 0;
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            while (length < buf.Length)
            {
                int n = await socket.ReceiveAsync(buf.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                length += n;
                if (VersionLine(buf.AsSpan(0, length)) is { } line)
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // silent or too slow: it said nothing
        }
        catch (SocketException)
        {
            // refused or reset: nothing listens
        }

        return null;
    }

    /// <summary>The value of the Server header on GET /, or null (no answer, or no header).</summary>
    public static async Task<(string? Server, HttpAnswer? Answer)> HttpServerAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            HttpAnswer answer = await HttpProbe.GetAsync(endpoint, "/", null, timeout, timeout, ct).ConfigureAwait(false);
            return (answer.Outcome == HttpOutcome.Answered ? answer.Values("Server").FirstOrDefault() : null, answer);
        }
        catch (ServiceConnectException)
        {
            return (null, null);
        }
    }

    private static string? VersionLine(ReadOnlySpan<byte> data)
    {
        int start = 0;
        int nl;
        while ((nl = data[start..].IndexOf((byte)'\n')) >= 0)
        {
            string line = Encoding.Latin1.GetString(data.Slice(start, nl)).TrimEnd('\r');
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                return line;
            }

            start += nl + 1;
        }

        return null;
    }
}
