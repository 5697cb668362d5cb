using System.Net;
using System.Net.Sockets;

namespace Rig.VirtualDevice;

/// <summary>The updater's HTTP GET: loopback only, from the device's own address, size-capped, time-capped.</summary>
internal static class ImageDownload
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The body, or throws with a one-line reason the console can print.</summary>
    /// <exception cref="IOException">Bad URL, refused, HTTP error, too large, timed out.</exception>
    public static byte[] Get(string url, IPAddress from, long maxBytes)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != "http")
        {
            throw new IOException($"bad URL '{VdevOptions.Printable(url)}' (http:// only)");
        }

        // The virtual camera lives on loopback; it must never reach out to a real network.
        if (!IPAddress.TryParse(uri.Host, out IPAddress? host) || host.AddressFamily != AddressFamily.InterNetwork || host.GetAddressBytes()[0] != 127)
        {
            throw new IOException($"{uri.Host}: not reachable from this network (127.0.0.0/8 only)");
        }

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0)); // the request comes from the camera's address, as on a bench network
                    await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout, MaxResponseContentBufferSize = maxBytes };
        try
        {
            using HttpResponseMessage response = client.GetAsync(uri).GetAwaiter().GetResult();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new IOException($"server answered {(int)response.StatusCode}");
            }

            return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException e)
        {
            throw new IOException(e.InnerException?.Message ?? e.Message, e);
        }
        catch (TaskCanceledException e)
        {
            throw new IOException($"timed out after {Timeout.TotalSeconds:0} s", e);
        }
    }
}
