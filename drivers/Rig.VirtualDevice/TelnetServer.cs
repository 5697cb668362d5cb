using System.Net;
using System.Net.Sockets;

namespace Rig.VirtualDevice;

/// <summary>
/// The vulnerable camera's telnetd: login with root:xc3511, then the shell. Several connections
/// are served at once, each on its own thread, up to <see cref="MaxSessions"/>; three failed
/// logins or a silent minute at the login prompt close the connection, as busybox login does.
/// </summary>
internal sealed class TelnetServer : IDisposable
{
    public const int MaxSessions = 8;
    public const int MaxFailures = 3;
    public static readonly TimeSpan LoginIdleLimit = TimeSpan.FromSeconds(60);

    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    private readonly Socket _listener;
    private readonly DeviceContext _device;
    private int _sessions;
    private volatile bool _disposed;

    private TelnetServer(Socket listener, DeviceContext device)
    {
        _listener = listener;
        _device = device;
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Binds the port at power-on, so a port another device listens on is a start-up failure; connections are refused until <see cref="Start"/>.</summary>
    /// <exception cref="IOException">The address or port cannot be bound; the message names both.</exception>
    public static TelnetServer Bind(DeviceContext device)
    {
        var endpoint = new IPEndPoint(device.Options.Address, device.Options.TelnetPort);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A restarted device must get its port back while old connections sit in TIME_WAIT. Raw
            // SO_REUSEADDR only: .NET's ReuseAddress adds SO_REUSEPORT on Linux, which would let two
            // devices listen on one port and share its connections.
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            socket.Bind(endpoint);
            return new TelnetServer(socket, device);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"telnet: cannot bind {endpoint}: {e.Message}", e);
        }
    }

    /// <summary>Starts listening and accepting: the moment telnetd starts in the boot log.</summary>
    /// <returns>False when the port was taken meanwhile (another device booting on the same address and port).</returns>
    public bool Start()
    {
        try
        {
            _listener.Listen(16);
        }
        catch (SocketException e)
        {
            _device.Log.Write($"telnetd: cannot listen on {Endpoint}: {e.Message}");
            return false;
        }

        _device.Log.Write($"telnetd: listening on {Endpoint}");
        new Thread(AcceptLoop) { IsBackground = true, Name = "telnetd" }.Start();
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
                _device.Log.Write($"telnetd: accept failed: {e.Message}");
                Thread.Sleep(100);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref _sessions) > MaxSessions)
            {
                Interlocked.Decrement(ref _sessions);
                _device.Log.Write($"telnetd: {client.RemoteEndPoint}: refused, {MaxSessions} sessions already open");
                client.Dispose();
                continue;
            }

            new Thread(() => Serve(client)) { IsBackground = true, Name = "telnet session" }.Start();
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

    private void Serve(Socket client)
    {
        string where = $"telnet {client.RemoteEndPoint}";
        _device.Log.Write($"{where}: connected");
        try
        {
            client.NoDelay = true;
            var terminal = new TelnetTerminal(client) { IdleLimit = LoginIdleLimit };
            var editor = new LineEditor(terminal);
            terminal.Write("\r\n");
            if (new Login(terminal, editor, _device, where).Run(Personality.TelnetUser, Personality.TelnetPassword, MaxFailures))
            {
                terminal.IdleLimit = null;
                new Shell(terminal, editor, _device).Run(); // exit ends the connection, as in telnetd
            }
        }
        catch (Exception e)
        {
            _device.Log.Write($"{where}: session failed: {e.Message}");
        }
        finally
        {
            CloseGracefully(client);
            Interlocked.Decrement(ref _sessions);
            _device.Log.Write($"{where}: closed");
        }
    }
}
