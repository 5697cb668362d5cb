using System.Net;
using System.Net.Sockets;

namespace Rig.VirtualDevice;

/// <summary>
/// A listening socket for one of the camera's network services, with a bounded number of
/// sessions, each served on its own thread. Bound at power-on (a taken port is a start-up
/// failure), listening from <see cref="Start"/>, i.e. when the boot reaches the service.
/// </summary>
internal sealed class ServiceSocket : IDisposable
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    private readonly Socket _listener;
    private readonly string _name;
    private readonly int _maxSessions;
    private readonly DeviceLog _log;
    private readonly Action<Socket> _serve;
    private int _sessions;
    private volatile bool _disposed;

    private ServiceSocket(Socket listener, string name, int maxSessions, DeviceLog log, Action<Socket> serve)
    {
        _listener = listener;
        _name = name;
        _maxSessions = maxSessions;
        _log = log;
        _serve = serve;
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <exception cref="IOException">The address or port cannot be bound; the message names both.</exception>
    public static ServiceSocket Bind(string name, IPEndPoint endpoint, int maxSessions, DeviceLog log, Action<Socket> serve)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Raw SO_REUSEADDR only (as telnetd): .NET's ReuseAddress adds SO_REUSEPORT, which would let two devices share a port.
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            socket.Bind(endpoint);
            return new ServiceSocket(socket, name, maxSessions, log, serve);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"{name}: cannot bind {endpoint}: {e.Message}", e);
        }
    }

    public bool Start()
    {
        try
        {
            _listener.Listen(16);
        }
        catch (SocketException e)
        {
            _log.Write($"{_name}: cannot listen on {Endpoint}: {e.Message}");
            return false;
        }

        _log.Write($"{_name}: listening on {Endpoint}");
        new Thread(AcceptLoop) { IsBackground = true, Name = _name }.Start();
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    private void AcceptLoop()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException) when (_disposed)
            {
                return;
            }
            catch (SocketException e)
            {
                _log.Write($"{_name}: accept failed: {e.Message}");
                Thread.Sleep(100);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref _sessions) > _maxSessions)
            {
                Interlocked.Decrement(ref _sessions);
                _log.Write($"{_name}: {client.RemoteEndPoint}: refused, {_maxSessions} sessions already open");
                client.Dispose();
                continue;
            }

            new Thread(() => Run(client)) { IsBackground = true, Name = _name + " session" }.Start();
        }
    }

    private void Run(Socket client)
    {
        try
        {
            client.NoDelay = true;
            _serve(client);
        }
        catch (Exception e)
        {
            _log.Write($"{_name}: session failed: {DeviceLog.Safe(e.Message)}");
        }
        finally
        {
            CloseGracefully(client);
            Interlocked.Decrement(ref _sessions);
        }
    }

    /// <summary>FIN, not RST: closing with unread input would reset the connection and could cost the client our last words.</summary>
    private static void CloseGracefully(Socket client)
    {
        try
        {
            client.Shutdown(SocketShutdown.Send);
            client.ReceiveTimeout = 500;
            byte[] sink = new byte[512];
            for (int i = 0; i < 64 && client.Receive(sink) > 0; i++)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the peer is gone already
        }
        finally
        {
            client.Dispose();
        }
    }
}
