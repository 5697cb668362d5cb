using System.Net.Sockets;
using System.Text;
using Rig.Protocols.Net;

namespace Rig.VirtualDevice;

/// <summary>
/// One telnet connection seen as a terminal: the telnet protocol on the server side, like
/// busybox telnetd. It offers WILL ECHO and WILL SGA, asks DO NAWS, and answers the client
/// through the same convergent negotiator the rig's client uses.
/// </summary>
internal sealed class TelnetTerminal : ITerminal
{
    private readonly Socket _socket;
    private readonly TelnetDecoder _decoder = new();
    private readonly TelnetNegotiator _negotiator = new(
        acceptRemote: [TelnetCodes.OptSuppressGoAhead, TelnetCodes.OptWindowSize],
        acceptLocal: [TelnetCodes.OptEcho, TelnetCodes.OptSuppressGoAhead]);
    private readonly byte[] _wire = new byte[1024];
    private readonly List<TelnetCommand> _commands = [];
    private readonly List<byte> _replies = [];
    private bool _closed;
    private bool _echoRefused;

    public TelnetTerminal(Socket socket)
    {
        _socket = socket;
        _negotiator.Request(TelnetCodes.Will, TelnetCodes.OptEcho, _replies);
        _negotiator.Request(TelnetCodes.Will, TelnetCodes.OptSuppressGoAhead, _replies);
        _negotiator.Request(TelnetCodes.Do, TelnetCodes.OptWindowSize, _replies);
        SendReplies();
    }

    /// <summary>When set, a read that waits longer ends the session with busybox login's message.</summary>
    public TimeSpan? IdleLimit { get; set; }

    /// <summary>The device echoes unless the client refused our WILL ECHO (it then echoes locally).</summary>
    public bool EchoesInput => _negotiator.LocalEnabled(TelnetCodes.OptEcho) || !_echoRefused;

    public void Write(string text) => Send(TelnetCodes.EscapeIac(Encoding.Latin1.GetBytes(text)));

    public int Read(Span<byte> buffer)
    {
        while (!_closed)
        {
            _socket.ReceiveTimeout = IdleLimit is { } limit ? (int)limit.TotalMilliseconds : 0;
            int n;
            try
            {
                n = _socket.Receive(_wire, 0, Math.Min(_wire.Length, buffer.Length), SocketFlags.None);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut && IdleLimit is { } idle)
            {
                Write($"\r\nLogin timed out after {idle.TotalSeconds:0} seconds\r\n");
                _closed = true;
                return 0;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                _closed = true;
                return 0;
            }

            if (n == 0)
            {
                _closed = true;
                return 0;
            }

            _commands.Clear();
            int d = _decoder.Decode(_wire.AsSpan(0, n), buffer, _commands);
            foreach (TelnetCommand c in _commands)
            {
                _negotiator.Receive(c, _replies);
                if (c is { Verb: TelnetCodes.Dont, Option: TelnetCodes.OptEcho })
                {
                    _echoRefused = true;
                }
            }

            SendReplies();
            if (d > 0)
            {
                return d;
            }
        }

        return 0;
    }

    private void SendReplies()
    {
        if (_replies.Count > 0)
        {
            Send(_replies.ToArray());
            _replies.Clear();
        }
    }

    private void Send(byte[] data)
    {
        if (_closed)
        {
            return;
        }

        try
        {
            _socket.Send(data);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _closed = true;
        }
    }
}
