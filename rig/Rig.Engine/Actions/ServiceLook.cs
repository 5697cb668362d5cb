using System.Net;
using System.Net.Sockets;
using System.Text;
using Rig.Protocols.Net;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>What a port did when the rig connected and listened, before sending anything.</summary>
public enum ServiceState
{
    /// <summary>The connection was refused: nothing listens.</summary>
    Refused,

    /// <summary>No accept (nor refusal) within the connect timeout: filtered, or nothing at the address.</summary>
    NoAnswer,

    /// <summary>Accepted, then closed or reset without a byte: a port forwarder with nothing behind it, or a service that turns every client away.</summary>
    ClosedAtOnce,

    /// <summary>Accepted and still open, silent, when the wait ended: proof of neither a service nor its absence.</summary>
    Silent,

    /// <summary>Accepted and sent something first (kept in <see cref="ServiceAnswer.First"/>).</summary>
    Spoke,
}

/// <summary>One look at a port: its state, the first bytes it sent (bounded) and when it accepted.</summary>
public sealed record ServiceAnswer(IPEndPoint Endpoint, ServiceState State, byte[] First, long MonoNs)
{
    /// <summary>
    /// True when the port answers like a telnet server: a negotiation (IAC and a command) or a
    /// login/banner text. An SSH or FTP greeting on the port is another service, not telnet.
    /// </summary>
    public bool IsTelnet =>
        State == ServiceState.Spoke
        && (First.AsSpan().IndexOf(TelnetCodes.Iac) is int iac and >= 0 && iac + 1 < First.Length && First[iac + 1] >= TelnetCodes.Se
            || (IsText(First) && !OtherGreeting(First)));

    /// <summary>One line for a verdict or a log, e.g. "accepted, then closed with no byte".</summary>
    public string Describe(TimeSpan wait) => State switch
    {
        ServiceState.Refused => "connection refused",
        ServiceState.NoAnswer => "no answer to the connect",
        ServiceState.ClosedAtOnce => "accepted, then closed with no byte (a forwarder with no service behind it)",
        ServiceState.Silent => $"accepted, then silent for {wait.TotalSeconds:0.#} s",
        _ => IsTelnet ? $"answered like telnet ({Shown(First)})" : $"answered, not like telnet ({Shown(First)})",
    };

    /// <summary>A short printable view of what the port sent; the bytes themselves are evidence.</summary>
    public static string Shown(byte[] bytes)
    {
        var s = new StringBuilder();
        foreach (byte b in bytes.Take(24))
        {
            s.Append(b is >= 0x20 and < 0x7f ? (char)b : b == TelnetCodes.Iac ? "<IAC>" : ".");
        }

        return $"\"{s}{(bytes.Length > 24 ? "..." : "")}\"";
    }

    private static bool IsText(byte[] bytes) =>
        bytes.Count(b => b is >= 0x20 and < 0x7f) >= 3 && bytes.All(b => b is >= 0x20 and < 0x7f or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0);

    private static bool OtherGreeting(byte[] bytes)
    {
        string start = Encoding.ASCII.GetString(bytes, 0, Math.Min(8, bytes.Length));
        return start.StartsWith("SSH-", StringComparison.Ordinal) || start.StartsWith("HTTP/", StringComparison.Ordinal) || start.StartsWith("220", StringComparison.Ordinal);
    }
}

/// <summary>
/// Connects to one port and listens, bounded in time and bytes, to tell a service from a port that
/// only accepts. A TCP accept alone proves nothing behind a port forwarder (QEMU user networking,
/// a NAT box, a load balancer): it accepts for the device, then closes when nothing answers there.
/// </summary>
public static class ServiceLook
{
    /// <summary>At most this many first bytes are kept: the device may send anything, forever.</summary>
    public const int FirstLimit = 256;

    /// <summary>Looks at <paramref name="endpoint"/>: connect within <paramref name="connectTimeout"/>, then read until the port speaks, closes or <paramref name="wait"/> ends.</summary>
    public static async Task<ServiceAnswer> LookAsync(IPEndPoint endpoint, TimeSpan connectTimeout, TimeSpan wait, CancellationToken ct)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connect.CancelAfter(connectTimeout);
            try
            {
                await socket.ConnectAsync(endpoint, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new ServiceAnswer(endpoint, ServiceState.NoAnswer, [], Monotonic.NowNs);
            }
            catch (SocketException e)
            {
                return new ServiceAnswer(endpoint, e.SocketErrorCode == SocketError.ConnectionRefused ? ServiceState.Refused : ServiceState.NoAnswer, [], Monotonic.NowNs);
            }
        }

        long at = Monotonic.NowNs;
        byte[] buf = new byte[FirstLimit];
        int got = 0;
        ServiceState state = ServiceState.Silent;
        using var until = CancellationTokenSource.CreateLinkedTokenSource(ct);
        until.CancelAfter(wait);
        try
        {
            // The first chunk decides; a little more is kept so a banner split over two segments reads whole.
            got = await socket.ReceiveAsync(buf, SocketFlags.None, until.Token).ConfigureAwait(false);
            state = got == 0 ? ServiceState.ClosedAtOnce : ServiceState.Spoke;
            while (got > 0 && got < buf.Length && socket.Available > 0)
            {
                int n = socket.Receive(buf, got, Math.Min(socket.Available, buf.Length - got), SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // the wait is over with nothing read: silent
        }
        catch (SocketException)
        {
            state = got == 0 ? ServiceState.ClosedAtOnce : ServiceState.Spoke; // reset by the far end
        }

        try
        {
            socket.LingerState = new LingerOption(true, 0); // RST: no half-open session left on the device
        }
        catch (SocketException)
        {
            // the far end closed first
        }

        return new ServiceAnswer(endpoint, state, buf.AsSpan(0, got).ToArray(), at);
    }

    /// <summary>Looks at every port of <paramref name="address"/> at once.</summary>
    public static async Task<IReadOnlyList<ServiceAnswer>> LookAllAsync(IPAddress address, IEnumerable<int> ports, TimeSpan connectTimeout, TimeSpan wait, CancellationToken ct) =>
        await Task.WhenAll(ports.Distinct().Select(p => LookAsync(new IPEndPoint(address, p), connectTimeout, wait, ct))).ConfigureAwait(false);
}
