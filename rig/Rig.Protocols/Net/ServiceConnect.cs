using System.Net;
using System.Net.Sockets;

namespace Rig.Protocols.Net;

/// <summary>A connection attempt to a device's service (HTTP, FTP) failed; <see cref="Failure"/> tells refused from timed out.</summary>
public sealed class ServiceConnectException(string service, IPEndPoint endpoint, ConnectFailure failure, string reason, Exception? inner = null)
    : IOException($"{service} {endpoint}: {(failure == ConnectFailure.Refused ? "connection refused" : failure == ConnectFailure.TimedOut ? "connection timed out" : "connection failed")} ({reason})", inner)
{
    public IPEndPoint Endpoint { get; } = endpoint;

    public ConnectFailure Failure { get; } = failure;
}

/// <summary>TCP connect with a deadline, failures classified.</summary>
internal static class ServiceConnect
{
    /// <exception cref="ServiceConnectException">Refused, timed out or failed.</exception>
    public static async Task<Socket> ConnectAsync(string service, IPEndPoint endpoint, TimeSpan timeout, CancellationToken ct)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ServiceConnectException(service, endpoint, ConnectFailure.TimedOut, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            ConnectFailure failure = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ConnectFailure.Refused,
                SocketError.TimedOut => ConnectFailure.TimedOut,
                SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => ConnectFailure.Unreachable,
                _ => ConnectFailure.Failed,
            };
            throw new ServiceConnectException(service, endpoint, failure, e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
