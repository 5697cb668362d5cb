using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Expect;

namespace Rig.Protocols.Net;

/// <summary>
/// A telnet session with a device: decodes the protocol, answers negotiation, and matches the
/// device's output with expect patterns. Every byte both ways goes into <see cref="Transcript"/>.
/// </summary>
/// <remarks>
/// One reader task runs from connect to dispose, so negotiation is answered even while nobody
/// waits for a pattern, and closure is noticed at once: <see cref="ExpectAsync"/> never hangs
/// on a closed session. Memory is bounded whatever the device sends.
/// </remarks>
public sealed class TelnetClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ExpectBuffer _expect = new();
    private readonly object _gate = new();
    private readonly TelnetDecoder _decoder = new();
    private readonly TelnetNegotiator _negotiator = TelnetNegotiator.ForClient();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private TaskCompletionSource _pulse = NewPulse();
    private bool _closed;
    private string? _closeReason;
    private int _disposed;

    private TelnetClient(Socket socket, IPEndPoint endpoint, TelnetTranscript transcript)
    {
        _socket = socket;
        RemoteEndPoint = endpoint;
        Transcript = transcript;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The device's address and port.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Every chunk in and out, timestamped and bounded.</summary>
    public TelnetTranscript Transcript { get; }

    /// <summary>True once the device closed the connection (or it failed, or the rig disposed it).</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>Why the session ended, e.g. "closed by the device"; null while open.</summary>
    public string? CloseReason
    {
        get
        {
            lock (_gate)
            {
                return _closeReason;
            }
        }
    }

    /// <summary>Connects to a device's telnet service.</summary>
    /// <exception cref="TelnetConnectException">Refused, timed out, unreachable or failed; <see cref="TelnetConnectException.Failure"/> says which.</exception>
    public static async Task<TelnetClient> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            return new TelnetClient(socket, endpoint, new TelnetTranscript());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TelnetConnectException(endpoint, ConnectFailure.TimedOut, $"no answer within {timeout.TotalSeconds:0.###} s");
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
            throw new TelnetConnectException(endpoint, failure, e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until one of <paramref name="patterns"/> matches output not yet consumed.
    /// </summary>
    /// <returns>The hit; null on timeout or when the session closed first (see <see cref="IsClosed"/>).</returns>
    public async Task<ExpectHit?> ExpectAsync(IReadOnlyList<Regex> patterns, TimeSpan timeout, CancellationToken ct)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            _expect.Rearm(); // a new set of patterns looks at all unconsumed output
        }

        while (true)
        {
            Task wait;
            lock (_gate)
            {
                ExpectHit? hit = _expect.Scan(patterns);
                if (hit is not null || _closed)
                {
                    return hit;
                }

                wait = _pulse.Task;
            }

            TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await wait.WaitAsync(remaining, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // one last scan above, then null
            }
        }
    }

    /// <summary>Marks all output so far as consumed: the next expect sees only newer output.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _expect.Flush();
        }
    }

    /// <summary>The unconsumed output, for diagnostics (device text: escape it before showing it).</summary>
    public string Tail(int maxChars = 2048)
    {
        lock (_gate)
        {
            return _expect.Tail(maxChars);
        }
    }

    /// <summary>Sends <paramref name="text"/> (UTF-8) and CR LF.</summary>
    /// <exception cref="TelnetClosedException">The session is closed.</exception>
    public Task SendLineAsync(string text, CancellationToken ct)
    {
        byte[] line = new byte[Encoding.UTF8.GetByteCount(text) + 2];
        int n = Encoding.UTF8.GetBytes(text, line);
        line[n] = (byte)'\r';
        line[n + 1] = (byte)'\n';
        return SendAsync(line, ct);
    }

    /// <summary>Sends data bytes, doubling 0xFF as IAC IAC so the device reads them as data.</summary>
    /// <exception cref="TelnetClosedException">The session is closed.</exception>
    public Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct) =>
        SendRawAsync(data.Span.Contains(TelnetCodes.Iac) ? TelnetCodes.EscapeIac(data.Span) : data, ct);

    /// <summary>Closes the connection and stops the reader.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // closing is the point
        }

        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendRawAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (IsClosed)
        {
            throw new TelnetClosedException($"telnet {RemoteEndPoint}: session closed ({CloseReason})");
        }

        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Transcript.Add(TranscriptDirection.Sent, data.Span);
            while (!data.IsEmpty)
            {
                int n = await _socket.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
                data = data[n..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new TelnetClosedException($"telnet {RemoteEndPoint}: send failed ({e.Message})", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        byte[] wire = new byte[4096];
        byte[] data = new byte[wire.Length];
        var commands = new List<TelnetCommand>();
        var replies = new List<byte>();
        string reason = "closed by the device";
        try
        {
            while (true)
            {
                int n = await _socket.ReceiveAsync(wire, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                Transcript.Add(TranscriptDirection.Received, wire.AsSpan(0, n));
                commands.Clear();
                replies.Clear();
                int d = _decoder.Decode(wire.AsSpan(0, n), data, commands);
                foreach (TelnetCommand c in commands)
                {
                    _negotiator.Receive(c, replies);
                }

                if (d > 0)
                {
                    lock (_gate)
                    {
                        _expect.Append(data.AsSpan(0, d));
                    }

                    Pulse();
                }

                if (replies.Count > 0)
                {
                    await SendRawAsync(replies.ToArray(), _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = "closed by the rig";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            reason = _stop.IsCancellationRequested ? "closed by the rig" : e.Message;
        }
        finally
        {
            lock (_gate)
            {
                _closed = true;
                _closeReason = reason;
            }

            Pulse();
        }
    }

    private void Pulse()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _pulse;
            _pulse = NewPulse();
        }

        old.TrySetResult();
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
