using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rig.Protocols.Net;

/// <summary>One FTP reply: its three-digit code and its text (all lines of a multi-line reply).</summary>
public sealed record FtpReply(int Code, string Text)
{
    public bool Positive => Code is >= 200 and < 400;
}

/// <summary>
/// An FTP control connection for probing logins: commands out, replies in, each reply read under
/// a line-length limit, a line-count limit and a deadline, everything kept in a bounded transcript.
/// </summary>
public sealed class FtpClient : IAsyncDisposable
{
    public const int MaxLine = 1024;
    public const int MaxReplyLines = 32;

    private readonly Socket _socket;
    private readonly TimeSpan _replyTimeout;
    private readonly byte[] _buf = new byte[4096];
    private int _start;
    private int _end;

    private FtpClient(Socket socket, IPEndPoint endpoint, TimeSpan replyTimeout)
    {
        _socket = socket;
        Endpoint = endpoint;
        _replyTimeout = replyTimeout;
    }

    public IPEndPoint Endpoint { get; }

    public TelnetTranscript Transcript { get; } = new(64 * 1024);

    /// <summary>Connects and reads the greeting.</summary>
    /// <exception cref="ServiceConnectException">Nothing listens, or the connect timed out.</exception>
    /// <exception cref="FtpProtocolException">The greeting is not an FTP reply or did not come in time.</exception>
    public static async Task<(FtpClient Client, FtpReply Greeting)> ConnectAsync(IPEndPoint endpoint, TimeSpan connectTimeout, TimeSpan replyTimeout, CancellationToken ct)
    {
        Socket socket = await ServiceConnect.ConnectAsync("ftp", endpoint, connectTimeout, ct).ConfigureAwait(false);
        var client = new FtpClient(socket, endpoint, replyTimeout);
        try
        {
            FtpReply greeting = await client.ReadReplyAsync(ct).ConfigureAwait(false);
            return (client, greeting);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one command line and reads its reply.</summary>
    /// <exception cref="FtpProtocolException">No well-formed reply in time, or the connection closed.</exception>
    public async Task<FtpReply> CommandAsync(string line, CancellationToken ct)
    {
        if (line.Any(c => c is '\r' or '\n'))
        {
            throw new ArgumentException("an FTP command is one line", nameof(line));
        }

        byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        Transcript.Add(TranscriptDirection.Sent, bytes);
        try
        {
            await _socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new FtpProtocolException($"ftp {Endpoint}: sending failed: {e.Message}", e);
        }

        return await ReadReplyAsync(ct).ConfigureAwait(false);
    }

    private async Task<FtpReply> ReadReplyAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_replyTimeout);
        try
        {
            string first = await ReadLineAsync(deadline.Token).ConfigureAwait(false);
            if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), out int code) || code < 100 || code > 599
                || (first.Length > 3 && first[3] is not (' ' or '-')))
            {
                throw new FtpProtocolException($"ftp {Endpoint}: not an FTP reply: '{HttpProbe.Printable(first)}'");
            }

            var text = new StringBuilder(first.Length > 4 ? first[4..] : string.Empty);
            if (first.Length > 3 && first[3] == '-')
            {
                // Multi-line: ends at a line starting with the same code and a space.
                for (int n = 1; ; n++)
                {
                    if (n >= MaxReplyLines)
                    {
                        throw new FtpProtocolException($"ftp {Endpoint}: a reply longer than {MaxReplyLines} lines");
                    }

                    string line = await ReadLineAsync(deadline.Token).ConfigureAwait(false);
                    text.Append('\n').Append(line);
                    if (line.Length >= 4 && line.StartsWith(first[..3], StringComparison.Ordinal) && line[3] == ' ')
                    {
                        break;
                    }
                }
            }

            return new FtpReply(code, text.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FtpProtocolException($"ftp {Endpoint}: no complete reply within {_replyTimeout.TotalSeconds:0.###} s");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                int n;
                try
                {
                    n = await _socket.ReceiveAsync(_buf.AsMemory(), SocketFlags.None, ct).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    throw new FtpProtocolException($"ftp {Endpoint}: connection failed: {e.Message}", e);
                }

                if (n == 0)
                {
                    throw new FtpProtocolException($"ftp {Endpoint}: the server closed the connection");
                }

                Transcript.Add(TranscriptDirection.Received, _buf.AsSpan(0, n));
                _start = 0;
                _end = n;
            }

            while (_start < _end)
            {
                byte b = _buf[_start++];
                if (b == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                if (line.Length >= MaxLine)
                {
                    throw new FtpProtocolException($"ftp {Endpoint}: a reply line longer than {MaxLine} bytes");
                }

                line.Append((char)b);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The FTP server answered something that is not FTP, too much, or nothing in time.</summary>
public sealed class FtpProtocolException(string message, Exception? inner = null) : IOException(message, inner);
