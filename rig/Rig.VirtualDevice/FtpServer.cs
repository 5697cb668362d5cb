using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// The vulnerable camera's FTP service: anonymous login is allowed and may create and remove
/// folders in a scratch area of the flash. Control connection only (no PASV/PORT data transfers):
/// enough for a lab to see that anonymous login works and that it can write.
/// </summary>
internal sealed class FtpServer : IDisposable
{
    public const int MaxSessions = 8;
    public const int MaxLine = 512;
    public const int MaxEntries = 32;
    public const string ScratchFolder = "ftp";
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(60);

    private readonly ServiceSocket _socket;
    private readonly DeviceContext _device;
    private readonly string _root;

    private FtpServer(DeviceContext device, IPEndPoint endpoint, string stateDir)
    {
        _device = device;
        _root = Path.Combine(stateDir, ScratchFolder);
        _socket = ServiceSocket.Bind("ftpd", endpoint, MaxSessions, device.Log, Serve);
    }

    public IPEndPoint Endpoint => _socket.Endpoint;

    public static FtpServer Bind(DeviceContext device, int port) =>
        new(device, new IPEndPoint(device.Options.Address, port), device.Options.StateDir);

    public bool Start()
    {
        Directory.CreateDirectory(_root);
        return _socket.Start();
    }

    public void Dispose() => _socket.Dispose();

    private void Serve(Socket client)
    {
        string where = $"ftpd {client.RemoteEndPoint}";
        client.ReceiveTimeout = (int)IdleLimit.TotalMilliseconds;
        using var stream = new NetworkStream(client, ownsSocket: false);
        Reply(stream, "220 vcam FTP server ready");
        string? user = null;
        bool loggedIn = false;
        while (ReadLine(stream) is { } line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            string arg = space < 0 ? string.Empty : line[(space + 1)..];
            switch (verb)
            {
                case "USER":
                    user = arg;
                    loggedIn = false;
                    Reply(stream, IsAnonymous(user) ? "331 Anonymous login ok, send your e-mail as password" : "331 Password required");
                    break;
                case "PASS":
                    if (user is not null && IsAnonymous(user))
                    {
                        loggedIn = true;
                        _device.Log.Write($"{where}: anonymous login accepted");
                        Reply(stream, "230 Anonymous access granted");
                    }
                    else
                    {
                        _device.Log.Write($"{where}: login failed for user '{DeviceLog.Safe(user ?? string.Empty)}'");
                        Reply(stream, "530 Login incorrect");
                    }

                    break;
                case "QUIT":
                    Reply(stream, "221 Goodbye");
                    return;
                case "NOOP":
                    Reply(stream, "200 OK");
                    break;
                case "SYST":
                    Reply(stream, "215 UNIX Type: L8");
                    break;
                case "FEAT":
                    Reply(stream, "211 No features");
                    break;
                default:
                    Reply(stream, loggedIn ? Command(verb, arg) : "530 Please login with USER and PASS");
                    break;
            }
        }
    }

    private string Command(string verb, string arg)
    {
        switch (verb)
        {
            case "PWD":
                return "257 \"/\" is the current directory";
            case "TYPE":
                return "200 Type set";
            case "CWD":
                return arg is "/" or "." ? "250 OK" : "550 No such directory";
            case "MKD":
                if (!ValidName(arg))
                {
                    return "553 Name not allowed";
                }

                if (Directory.EnumerateFileSystemEntries(_root).Count() >= MaxEntries)
                {
                    return "552 Flash full";
                }

                Directory.CreateDirectory(Path.Combine(_root, arg));
                return $"257 \"/{arg}\" created";
            case "RMD":
                if (!ValidName(arg) || !Directory.Exists(Path.Combine(_root, arg)))
                {
                    return "550 No such directory";
                }

                Directory.Delete(Path.Combine(_root, arg));
                return "250 Removed";
            default:
                return "502 Command not implemented";
        }
    }

    private static bool IsAnonymous(string user) => user is "anonymous" or "ftp";

    /// <summary>One plain name in the scratch folder: no separators, no dots first, short.</summary>
    private static bool ValidName(string name) =>
        name.Length is > 0 and <= 64 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A command line, CRLF or LF ended; null at end of stream, idle timeout or an over-long line.</summary>
    private static string? ReadLine(NetworkStream stream)
    {
        var sb = new StringBuilder();
        try
        {
            while (true)
            {
                int b = stream.ReadByte();
                if (b < 0 || sb.Length >= MaxLine)
                {
                    return null;
                }

                if (b == '\n')
                {
                    return sb.ToString().TrimEnd('\r');
                }

                sb.Append((char)b);
            }
        }
        catch (IOException)
        {
            return null; // idle limit reached or the peer reset
        }
    }

    private static void Reply(NetworkStream stream, string line) => stream.Write(Encoding.ASCII.GetBytes(line + "\r\n"));
}
