using System.Net;
using System.Net.Sockets;

namespace Rig.VirtualDevice;

/// <summary>
/// The camera's sshd: SSH-2 with one algorithm of each kind, password login for root, and the
/// busybox shell behind exec and shell requests. Like the other services it serves up to
/// <see cref="MaxSessions"/> connections at once, each on its own thread; the handshake and the
/// login must be over within <see cref="LoginGraceTime"/>.
/// </summary>
internal sealed class SshServer : IDisposable
{
    public const int MaxSessions = 8;
    public static readonly TimeSpan LoginGraceTime = TimeSpan.FromSeconds(30);

    private readonly ServiceSocket _socket;
    private readonly DeviceContext _device;
    private readonly StateStore _store;
    private SshHostKey? _hostKey;
    private readonly string _user;
    private readonly string _password;
    private readonly LoginLockout? _lockout;

    private SshServer(DeviceContext device, StateStore store, string user, string password, LoginLockout? lockout)
    {
        _device = device;
        _store = store;
        _user = user;
        _password = password;
        _lockout = lockout;
        _socket = ServiceSocket.Bind("sshd", new IPEndPoint(device.Options.Address, device.Options.SshPort), MaxSessions, device.Log, Serve);
    }

    public IPEndPoint Endpoint => _socket.Endpoint;

    /// <summary>Binds at power-on; <paramref name="user"/> and <paramref name="password"/> are root's, the same pair the other logins check.</summary>
    /// <exception cref="IOException">The port cannot be bound.</exception>
    public static SshServer Bind(DeviceContext device, StateStore store, string user, string password, LoginLockout? lockout) =>
        new(device, store, user, password, lockout);

    /// <summary>Starts sshd in the boot: like dropbear's init script it first loads its host key, making one on the first boot.</summary>
    public bool Start()
    {
        try
        {
            _hostKey ??= SshHostKey.Load(_store);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            _device.Log.Write($"sshd: no host key, not started: {e.Message}");
            return false;
        }

        return _socket.Start();
    }

    public void Dispose()
    {
        _socket.Dispose();
        _hostKey?.Dispose();
    }

    private void Serve(Socket client)
    {
        string where = $"ssh {client.RemoteEndPoint}";
        _device.Log.Write($"{where}: connected");
        using var stream = new SshPacketStream(client) { Deadline = Environment.TickCount64 + (long)LoginGraceTime.TotalMilliseconds };
        try
        {
            stream.ExchangeVersions(_device.Personality.Software.SshVersion);
            _device.Log.Write($"{where}: client {DeviceLog.Safe(stream.ClientVersion)}");
            var kex = new SshKeyExchange(stream, _hostKey!);
            kex.Run();
            if (new SshAuth(stream, _device, where, _lockout).Run(_user, _password))
            {
                stream.Deadline = null;
                new SshSession(stream, kex, _device, where).Run();
            }
        }
        catch (SshProtocolException e)
        {
            _device.Log.Write($"{where}: {e.Message}");
            stream.Disconnect(e.Reason, e.Message);
        }
        catch (IOException e)
        {
            _device.Log.Write($"{where}: {DeviceLog.Safe(e.Message)}");
        }
        finally
        {
            _device.Log.Write($"{where}: closed");
        }
    }
}
