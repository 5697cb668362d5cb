using Rig.Engine.Journal;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Rig.Engine.Actions;

/// <summary>
/// A one-image HTTP server on loopback for the duration of one update attempt: answers GET for a
/// random path with the image and 404 otherwise, only to the device's declared address, reading
/// at most a few KiB of any request and giving each client a few seconds.
/// </summary>
internal sealed class ImageServer : IAsyncDisposable
{
    public const int MaxRequestBytes = 8 * 1024;
    public const int MaxRequests = 8;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly byte[] _image;
    private readonly IPAddress _device;
    private readonly ActionContext _context;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _served;

    private ImageServer(IPAddress bind, byte[] image, string name, ActionContext context)
    {
        _image = image;
        _device = context.Profile.Address;
        _context = context;
        _path = $"/fw/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}/{Uri.EscapeDataString(name)}.img";
        _listener = new TcpListener(bind, 0);
        _listener.Start(4);
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The address the device fetches the image from.</summary>
    public string Url => $"http://{((IPEndPoint)_listener.LocalEndpoint).Address}:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}{_path}";

    /// <summary>How many times the image was sent.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Serves <paramref name="image"/> on 127.0.0.1 (the bench side of a virtual bench).</summary>
    public static ImageServer Start(byte[] image, string name, ActionContext context) => new(IPAddress.Loopback, image, name, context);

    private async Task AcceptLoopAsync()
    {
        for (int n = 0; n < MaxRequests && !_stop.IsCancellationRequested; n++)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client).ConfigureAwait(false);
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var peer = (IPEndPoint)client.Client.RemoteEndPoint!;
        if (!peer.Address.Equals(_device))
        {
            Journal(peer, "refused: not the device's address", null);
            return; // only the device under test may fetch
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(ClientTimeout);
        try
        {
            NetworkStream stream = client.GetStream();
            string? target = await ReadRequestAsync(stream, timeout.Token).ConfigureAwait(false);
            bool hit = target == _path;
            string head = hit
                ? $"HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {_image.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n"
                : "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token).ConfigureAwait(false);
            if (hit)
            {
                await stream.WriteAsync(_image, timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _served);
            }

            Journal(peer, hit ? "200" : "404", target);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            Journal(peer, $"failed: {e.Message}", null);
        }
    }

    /// <summary>The request target of a GET, or null; reads until the blank line, at most <see cref="MaxRequestBytes"/>.</summary>
    private static async Task<string?> ReadRequestAsync(NetworkStream stream, CancellationToken ct)
    {
        byte[] buf = new byte[MaxRequestBytes];
        int len = 0;
        while (len < buf.Length)
        {
            int n = await stream.ReadAsync(buf.AsMemory(len), ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            len += n;
            if (buf.AsSpan(0, len).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        string first = Encoding.Latin1.GetString(buf, 0, len).Split("\r\n")[0];
        string[] parts = first.Split(' ');
        return parts.Length == 3 && parts[0] == "GET" ? parts[1] : null;
    }

    private void Journal(IPEndPoint peer, string outcome, string? target) =>
        _context.Journal.Append(new NetEvent(_context.PlanId)
        {
            Serve = peer.ToString(),
            Target = target is null ? null : target.Length > 200 ? target[..200] : target,
            Outcome = outcome,
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }

        _stop.Dispose();
    }
}
