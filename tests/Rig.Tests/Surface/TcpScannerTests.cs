using System.Net;
using System.Net.Sockets;
using System.Text;
using Rig.Protocols.Net;

namespace Rig.Tests.Surface;

public class TcpScannerTests
{
    private static readonly IPAddress Here = IPAddress.Parse("127.0.0.71");

    [Test]
    public async Task FindsExactlyTheListeningPortsWithBoundedBanners()
    {
        using var chatty = Listener.Start(Here, s => s.Send(new byte[10_000].Select(_ => (byte)'A').ToArray()));
        using var greeter = Listener.Start(Here, s => { s.Send(Encoding.ASCII.GetBytes("220 hello\r\n")); s.Shutdown(SocketShutdown.Send); });
        using var silent = Listener.Start(Here, _ => { });
        int closed = FreePort(Here);

        TcpScanResult result = await TcpScanner.ScanAsync(Here, [chatty.Port, greeter.Port, silent.Port, closed], new TcpScanOptions { BannerWait = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);

        Assert.That(result.Complete, Is.True);
        Assert.That(result.Probed, Is.EqualTo(4));
        Assert.That(result.Open.Select(o => o.Port), Is.EqualTo(new[] { chatty.Port, greeter.Port, silent.Port }.Order()));
        Assert.That(result.Filtered, Is.Empty);
        Assert.That(Banner(result, chatty.Port), Has.Length.EqualTo(256), "a flood is cut at the banner limit");
        Assert.That(Encoding.ASCII.GetString(Banner(result, greeter.Port)), Is.EqualTo("220 hello\r\n"));
        Assert.That(Banner(result, silent.Port), Is.Empty);
    }

    [Test]
    public async Task AFullRangeScanFindsTheListenerAndNothingTheAddressDoesNotServe()
    {
        IPAddress device = IPAddress.Parse("127.0.0.72");
        using var listener = Listener.Start(device, _ => { });
        TcpScanResult result = await TcpScanner.ScanAsync(device, Enumerable.Range(1, 65535).ToList(), new TcpScanOptions { BannerWait = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);

        Assert.That(result.Complete, Is.True);
        Assert.That(result.Probed, Is.EqualTo(65535));
        Assert.That(result.Open.Select(o => o.Port), Does.Contain(listener.Port));

        // Anything else open must be the host's own wildcard listeners, seen on every loopback address.
        var others = result.Open.Select(o => o.Port).Where(p => p != listener.Port).ToList();
        TcpScanResult elsewhere = await TcpScanner.ScanAsync(IPAddress.Parse("127.0.0.73"), others, new TcpScanOptions { BannerWait = TimeSpan.Zero }, CancellationToken.None);
        Assert.That(elsewhere.Open.Select(o => o.Port), Is.EquivalentTo(others));
    }

    [Test]
    public async Task TheTotalLimitEndsTheScanAndSaysSo()
    {
        TcpScanResult result = await TcpScanner.ScanAsync(Here, Enumerable.Range(1, 65535).ToList(), new TcpScanOptions { Concurrency = 1, TotalLimit = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);
        Assert.That(result.Complete, Is.False);
        Assert.That(result.Probed, Is.LessThan(65535));
    }

    [Test]
    public void APortOutsideTheRangeIsRefusedByName()
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => TcpScanner.ScanAsync(Here, [80, 70000], new TcpScanOptions(), CancellationToken.None));
        Assert.That(e!.Message, Does.Contain("70000").And.Contain("127.0.0.71"));
    }

    private static byte[] Banner(TcpScanResult r, int port) => r.Open.Single(o => o.Port == port).Banner;

    private static int FreePort(IPAddress address)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port; // closed again when disposed: nobody listens there
    }
}

/// <summary>A loopback listener that runs <c>serve</c> on every connection it accepts, until disposed.</summary>
internal sealed class Listener : IDisposable
{
    private readonly Socket _socket;
    private readonly List<Socket> _accepted = [];

    private Listener(Socket socket) => _socket = socket;

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public static Listener Start(IPAddress address, Action<Socket> serve)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        socket.Listen(64);
        var l = new Listener(socket);
        _ = Task.Run(() =>
        {
            while (true)
            {
                Socket c;
                try
                {
                    c = socket.Accept();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                lock (l._accepted)
                {
                    l._accepted.Add(c);
                }

                try
                {
                    serve(c);
                }
                catch (SocketException)
                {
                    // the scanner hung up first
                }
            }
        });
        return l;
    }

    public void Dispose()
    {
        _socket.Dispose();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }
    }
}
