using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// The camera's web admin UI: every page needs a login. The vulnerable build asks for Basic
/// admin:admin; the others for Digest with the per-device password. With a lockout, a locked
/// service answers 403 with Retry-After to every attempt, right or wrong. One request per
/// connection (Connection: close), so a session never outlives its head's deadline.
/// </summary>
internal sealed class HttpAdminServer : IDisposable
{
    public const string Realm = "vcam admin";
    public const string AdminUser = "admin";
    public const string BasicPassword = "admin";
    public const int MaxSessions = 16;

    private readonly ServiceSocket _socket;
    private readonly DeviceContext _device;
    private readonly HttpDigestAuth? _digest;
    private readonly LoginLockout? _lockout;

    private HttpAdminServer(DeviceContext device, string? digestPassword, LoginLockout? lockout, IPEndPoint endpoint)
    {
        _device = device;
        _digest = digestPassword is null ? null : new HttpDigestAuth(Realm, AdminUser, digestPassword);
        _lockout = lockout;
        _socket = ServiceSocket.Bind("httpd", endpoint, MaxSessions, device.Log, Serve);
    }

    public IPEndPoint Endpoint => _socket.Endpoint;

    /// <param name="digestPassword">Null for Basic admin:admin; else Digest for admin with this password.</param>
    public static HttpAdminServer Bind(DeviceContext device, string? digestPassword, LoginLockout? lockout, int port) =>
        new(device, digestPassword, lockout, new IPEndPoint(device.Options.Address, port));

    public bool Start() => _socket.Start();

    public void Dispose() => _socket.Dispose();

    private void Serve(Socket client)
    {
        string where = $"httpd {client.RemoteEndPoint}";
        HttpRequest? request = HttpRequestReader.Read(client, out int error);
        if (request is null)
        {
            if (error != 0)
            {
                _device.Log.Write($"{where}: bad request ({error})");
                Send(client, error, [], "bad request\n");
            }

            return;
        }

        if (_lockout is not null && _lockout.IsLocked(out TimeSpan left))
        {
            _device.Log.Write($"{where}: refused, locked for {left.TotalSeconds:0.0} s more");
            Send(client, 403, [new("Retry-After", Math.Ceiling(left.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture))], "too many failed logins; try again later\n");
            return;
        }

        string? authorization = request.Header("Authorization");
        bool stale = false;
        bool? ok = authorization is null ? null : Verify(authorization, request.Method, out stale);
        if (ok == true)
        {
            _lockout?.Succeeded();
            _device.Log.Write($"{where}: login as admin accepted");
            Send(client, 200, [new("Content-Type", "text/html")], $"<html><body><h1>vcam admin</h1><p>firmware {_device.FirmwareVersion}</p></body></html>\n");
            return;
        }

        if (ok == false)
        {
            _device.Log.Write($"{where}: login failed");
            if (_lockout?.Failed() == true)
            {
                _device.Log.Write($"{where}: locked out for {_lockout.For.TotalSeconds:0.#} s after {_lockout.After} failures");
            }
        }

        Send(client, 401, Challenges(stale), "login required\n");
    }

    /// <returns>True for the right login, false for a wrong one (counted), null when nothing countable was sent (malformed or stale).</returns>
    private bool? Verify(string authorization, string method, out bool stale)
    {
        stale = false;
        if (_digest is not null)
        {
            DigestCheck check = _digest.Check(authorization, method);
            stale = check == DigestCheck.Stale;
            return check switch { DigestCheck.Ok => true, DigestCheck.Wrong => false, _ => null };
        }

        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        byte[] expected = Encoding.UTF8.GetBytes($"{AdminUser}:{BasicPassword}");
        byte[] given;
        try
        {
            given = Convert.FromBase64String(authorization["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private List<KeyValuePair<string, string>> Challenges(bool stale) =>
        _digest is null
            ? [new("WWW-Authenticate", $"Basic realm=\"{Realm}\"")]
            : _digest.Challenges(stale).Select(c => new KeyValuePair<string, string>("WWW-Authenticate", c)).ToList();

    private void Send(Socket client, int status, List<KeyValuePair<string, string>> headers, string body)
    {
        string server = _device.Personality.Software.HttpServer;
        string reason = status switch { 200 => "OK", 400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 408 => "Request Timeout", 431 => "Request Header Fields Too Large", _ => "Error" };
        var sb = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nServer: {server}\r\nConnection: close\r\n");
        foreach (var h in headers)
        {
            sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        }

        byte[] content = Encoding.UTF8.GetBytes(body);
        sb.Append("Content-Length: ").Append(content.Length).Append("\r\n\r\n");
        client.Send([.. Encoding.Latin1.GetBytes(sb.ToString()), .. content]);
    }
}
