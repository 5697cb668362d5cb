using System.Net;
using System.Net.Sockets;

namespace Rig.Tests.LabOnNats;

/// <summary>
/// A TCP relay on loopback between an agent and the NATS server, which the test can cut: every
/// connection through it is reset and new ones are refused until it is restored, as when the
/// network between a rig and the lab's server drops. No root, no firewall rules.
/// </summary>
internal sealed class LinkCutter : IDisposable
{
    private readonly int _target;
    private readonly List<Socket> _open = [];
    private readonly object _gate = new();
    private TcpListener? _listener;

    public LinkCutter(int targetPort)
    {
        _target = targetPort;
        Port = Rig.Tests.VirtualDevice.TestDevice.FreePort("127.0.0.1");
        Restore();
    }

    public int Port { get; }

    /// <summary>Resets every connection and refuses new ones.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (Socket s in _open)
            {
                try
                {
                    s.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                    s.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts connections again.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    public void Dispose() => Cut();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                client.Close(); // the server is down: so is the link
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (!ReferenceEquals(_listener, listener))
                {
                    client.Close();
                    server.Close();
                    return;
                }

                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
