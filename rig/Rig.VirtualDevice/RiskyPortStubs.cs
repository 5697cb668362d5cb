using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// The vulnerable camera's leftover management services, the ports Mirai's variants and Hajime
/// went for: a TR-069/CWMP connection-request endpoint on 7547 that answers HTTP without asking
/// for credentials, and adbd on 5555 that greets every client with its device banner.
/// </summary>
/// <remarks>Stubs, not services: they answer once and hang up, so a scan sees the same thing every time.</remarks>
internal sealed class RiskyPortStubs : IDisposable
{
    public const int Tr069Port = 7547;
    public const int AdbPort = 5555;

    private const int MaxRequest = 4096;
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    private readonly DeviceContext _device;
    private readonly List<Socket> _listeners = [];
    private volatile bool _disposed;

    public RiskyPortStubs(DeviceContext device) => _device = device;

    /// <summary>Starts both daemons; returns one boot-log line per daemon. A port in use is logged, not fatal.</summary>
    public IReadOnlyList<string> Start() =>
    [
        Listen("cwmpd", Tr069Port, ServeCwmp) ? "Starting cwmpd (TR-069): OK" : "Starting cwmpd (TR-069): FAILED (address in use)",
        Listen("adbd", AdbPort, ServeAdb) ? "Starting adbd: OK" : "Starting adbd: FAILED (address in use)",
    ];

    public void Dispose()
    {
        _disposed = true;
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }

    private bool Listen(string name, int port, Action<Socket> serve)
    {
        var endpoint = new IPEndPoint(_device.Options.Address, port);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1)); // raw: no SO_REUSEPORT sharing
            socket.Bind(endpoint);
            socket.Listen(8);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            _device.Log.Write($"{name}: cannot listen on {endpoint}: {e.Message}");
            return false;
        }

        lock (_listeners)
        {
            _listeners.Add(socket);
        }

        _device.Log.Write($"{name}: listening on {endpoint}");
        new Thread(() => AcceptLoop(name, socket, serve)) { IsBackground = true, Name = name }.Start();
        return true;
    }

    private void AcceptLoop(string name, Socket listener, Action<Socket> serve)
    {
        while (!_disposed)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (_disposed)
                {
                    return;
                }

                Thread.Sleep(100);
                continue;
            }

            // One client at a time is plenty for a stub; a slow client only delays the next.
            try
            {
                client.ReceiveTimeout = 2000;
                client.SendTimeout = 2000;
                serve(client);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                _device.Log.Write($"{name}: client failed: {e.Message}");
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Any request gets the CWMP endpoint's answer: no 401, no Digest challenge.</summary>
    private void ServeCwmp(Socket client)
    {
        string request = ReadRequestLine(client);
        _device.Log.Write($"cwmpd: request '{DeviceLog.Safe(request)}'");
        const string body =
            "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">" +
            "<soap-env:Body><cwmp:Inform><DeviceId><Manufacturer>Rig virtual devices</Manufacturer><ProductClass>vcam-1</ProductClass></DeviceId>" +
            "</cwmp:Inform></soap-env:Body></soap-env:Envelope>\r\n";
        string answer =
            "HTTP/1.1 200 OK\r\nServer: gSOAP/2.7\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\n" +
            $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n" + body;
        client.Send(Encoding.ASCII.GetBytes(answer));
        client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>An ADB CNXN message, sent at once: the "device::" banner of adbd with no key check.</summary>
    private void ServeAdb(Socket client)
    {
        byte[] payload = Encoding.ASCII.GetBytes("device::ro.product.name=vcam;ro.product.model=vcam-1;ro.product.device=t21n;\0");
        byte[] message = new byte[24 + payload.Length];
        uint command = 0x4e584e43; // "CNXN" little-endian
        BitConverter.TryWriteBytes(message.AsSpan(0), command);
        BitConverter.TryWriteBytes(message.AsSpan(4), 0x01000000u); // version
        BitConverter.TryWriteBytes(message.AsSpan(8), 4096u); // max payload
        BitConverter.TryWriteBytes(message.AsSpan(12), (uint)payload.Length);
        uint sum = 0;
        foreach (byte b in payload)
        {
            sum += b;
        }

        BitConverter.TryWriteBytes(message.AsSpan(16), sum);
        BitConverter.TryWriteBytes(message.AsSpan(20), ~command);
        payload.CopyTo(message, 24);
        client.Send(message);
        _device.Log.Write("adbd: sent CNXN banner");
        client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>The first line of what the client sends, at most <see cref="MaxRequest"/> bytes; empty when it sends nothing in time.</summary>
    private static string ReadRequestLine(Socket client)
    {
        byte[] buf = new byte[MaxRequest];
        int got = 0;
        try
        {
            while (got < buf.Length)
            {
                int n = client.Receive(buf, got, buf.Length - got, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                got += n;
                if (buf.AsSpan(0, got).IndexOf("\r\n\r\n"u8) >= 0)
                {
                    break;
                }
            }
        }
        catch (SocketException)
        {
            // silent client (a port scan): answer anyway
        }

        string text = Encoding.Latin1.GetString(buf, 0, got);
        int eol = text.IndexOf('\r', StringComparison.Ordinal);
        return eol >= 0 ? text[..eol] : text;
    }
}
