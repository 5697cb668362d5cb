using System.Net;
using System.Net.Sockets;

namespace Rig.VirtualDevice;

/// <summary>
/// The vulnerable camera's telnetd: login with root:xc3511 (or --telnet-login), then the shell. Several connections
/// are served at once, each on its own thread, up to <see cref="MaxSessions"/>; three failed
/// logins or a silent minute at the login prompt close the connection, as busybox login does.
/// </summary>
internal sealed class TelnetServer : IDisposable
{
    public const int MaxSessions = 8;
    public const int MaxFailures = 3;
    public static readonly TimeSpan LoginIdleLimit = TimeSpan.FromSeconds(60);

    private readonly ServiceSocket _socket;
    private readonly DeviceContext _device;

    private TelnetServer(DeviceContext device, IPEndPoint endpoint)
    {
        _device = device;
        _socket = ServiceSocket.Bind("telnetd", endpoint, MaxSessions, device.Log, Serve);
    }

    public IPEndPoint Endpoint => _socket.Endpoint;

    /// <summary>Binds the port at power-on, so a port another device listens on is a start-up failure; connections are refused until <see cref="Start"/>.</summary>
    /// <exception cref="IOException">The address or port cannot be bound; the message names both.</exception>
    public static TelnetServer Bind(DeviceContext device) =>
        new(device, new IPEndPoint(device.Options.Address, device.Options.TelnetPort));

    /// <summary>Starts listening and accepting: the moment telnetd starts in the boot log.</summary>
    /// <returns>False when the port was taken meanwhile (another device booting on the same address and port).</returns>
    public bool Start() => _socket.Start();

    public void Dispose() => _socket.Dispose();

    /// <summary>One session; the shared socket closes it gracefully and counts it.</summary>
    private void Serve(Socket client)
    {
        string where = $"telnet {client.RemoteEndPoint}";
        _device.Log.Write($"{where}: connected");
        try
        {
            var terminal = new TelnetTerminal(client) { IdleLimit = LoginIdleLimit };
            var editor = new LineEditor(terminal);
            terminal.Write("\r\n");
            (string user, string password) = _device.Options.TelnetCredential;
            if (new Login(terminal, editor, _device, where).Run(user, password, MaxFailures))
            {
                terminal.IdleLimit = null;
                new Shell(terminal, editor, _device).Run(); // exit ends the connection, as in telnetd
            }
        }
        finally
        {
            _device.Log.Write($"{where}: closed");
        }
    }
}
