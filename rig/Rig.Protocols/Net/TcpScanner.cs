using System.Net;
using System.Net.Sockets;
using Rig.Protocols;

namespace Rig.Protocols.Net;

/// <summary>
/// A TCP connect scan of one address: a fixed pool of workers takes ports one by one, so at most
/// <see cref="TcpScanOptions.Concurrency"/> connections are in flight and memory stays bounded
/// whatever the device does. No raw sockets: it runs unprivileged and sees what a client sees.
/// </summary>
public static class TcpScanner
{
    /// <summary>Scans <paramref name="ports"/> on <paramref name="address"/>; refused is closed, silence is filtered.</summary>
    /// <exception cref="ArgumentException">A port outside 1-65535.</exception>
    public static async Task<TcpScanResult> ScanAsync(IPAddress address, IReadOnlyList<int> ports, TcpScanOptions options, CancellationToken ct)
    {
        if (ports.FirstOrDefault(p => p is < 1 or > 65535) is var bad && bad != 0)
        {
            throw new ArgumentException($"scan of {address}: {bad} is not a TCP port", nameof(ports));
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.TotalLimit);
        var open = new List<OpenPort>();
        var filtered = new List<int>();
        int next = -1;
        int probed = 0;

        async Task Worker()
        {
            int i;
            while (!limit.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < ports.Count)
            {
                int port = ports[i];
                PortState state;
                OpenPort? found;
                try
                {
                    (state, found) = await ProbeAsync(new IPEndPoint(address, port), options, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    return;
                }

                lock (open)
                {
                    probed++;
                    if (found is not null)
                    {
                        open.Add(found);
                    }
                    else if (state == PortState.Filtered)
                    {
                        filtered.Add(port);
                    }
                }
            }
        }

        int workers = Math.Clamp(options.Concurrency, 1, Math.Max(1, ports.Count));
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker, CancellationToken.None))).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested(); // the caller's cancel is not a finished scan
        open.Sort((a, b) => a.Port.CompareTo(b.Port));
        filtered.Sort();
        return new TcpScanResult(address, open, filtered, probed, probed == ports.Count);
    }

    private enum PortState { Closed, Filtered, Open }

    private static async Task<(PortState, OpenPort?)> ProbeAsync(IPEndPoint endpoint, TcpScanOptions options, CancellationToken ct)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connect.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(endpoint, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return (PortState.Filtered, null);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused)
            {
                return (PortState.Closed, null);
            }
            catch (SocketException)
            {
                return (PortState.Filtered, null); // unreachable, reset mid-handshake: nothing usable answers
            }
        }

        long at = Monotonic.NowNs;
        byte[] banner = await GrabBannerAsync(socket, options, ct).ConfigureAwait(false);
        try
        {
            // RST, not FIN: the scan leaves no TIME_WAIT behind and no half-open session on the device.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // the device closed first
        }

        return (PortState.Open, new OpenPort(endpoint.Port, banner, at));
    }

    /// <summary>Whatever the port sends first, until the limit, the wait, or its close.</summary>
    private static async Task<byte[]> GrabBannerAsync(Socket socket, TcpScanOptions options, CancellationToken ct)
    {
        byte[] buf = new byte[Math.Max(0, options.BannerLimit)];
        int got = 0;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(options.BannerWait);
        try
        {
            while (got < buf.Length)
            {
                int n = await socket.ReceiveAsync(buf.AsMemory(got), SocketFlags.None, wait.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // the wait is over: keep what came
        }
        catch (SocketException)
        {
            // reset by the device: keep what came
        }

        return buf.AsSpan(0, got).ToArray();
    }
}
