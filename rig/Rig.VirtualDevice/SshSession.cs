using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// The connection protocol after login (RFC 4254), for one "session" channel: <c>exec</c> runs one
/// command line in the camera's shell, <c>shell</c> (with or without <c>pty-req</c>) runs the shell
/// itself; both end with exit-status, EOF and close. The session is the shell's terminal. What the
/// client may send is bounded by the window we give it.
/// </summary>
internal sealed class SshSession(SshPacketStream stream, SshKeyExchange kex, DeviceContext device, string where) : ITerminal
{
    public const uint Window = 64 * 1024;
    public const uint MaxData = 32 * 1024;
    private const uint OurId = 0;

    private readonly Queue<byte> _pending = new();
    private uint? _theirId;
    private long _remoteWindow;
    private uint _remoteMax = MaxData;
    private uint _window = Window;
    private bool _pty;
    private bool _eof;
    private bool _closed;
    private string? _exec;
    private bool _shell;

    public bool EchoesInput => _pty;

    /// <summary>Waits for a shell or exec request, runs it, closes the channel.</summary>
    public void Run()
    {
        while (_exec is null && !_shell)
        {
            if (_closed)
            {
                return;
            }

            Pump();
        }

        var shell = new Shell(this, new LineEditor(this), device);
        int status;
        if (_exec is { } command)
        {
            device.Log.Write($"{where}: exec '{DeviceLog.Safe(command)}'");
            status = shell.RunCommand(command);
        }
        else
        {
            status = shell.Run() ? 0 : 129; // hung up: sh's status after SIGHUP
        }

        if (!_closed)
        {
            Send(new SshWriter(SshMsg.ChannelRequest).UInt32(_theirId!.Value).String("exit-status").Bool(false).UInt32((uint)status));
            Send(new SshWriter(SshMsg.ChannelEof).UInt32(_theirId.Value));
            Send(new SshWriter(SshMsg.ChannelClose).UInt32(_theirId.Value));
            stream.IdleLimit = TimeSpan.FromSeconds(5); // the client answers with its close; do not wait long for it
            while (!_closed)
            {
                Pump();
            }
        }
    }

    public void Write(string text)
    {
        byte[] data = Encoding.Latin1.GetBytes(_pty ? text : text.Replace("\r\n", "\n", StringComparison.Ordinal));
        int sent = 0;
        while (sent < data.Length && !_closed)
        {
            if (_remoteWindow == 0)
            {
                Pump(); // wait for the client's WINDOW_ADJUST
                continue;
            }

            int n = (int)Math.Min(Math.Min(data.Length - sent, _remoteMax), _remoteWindow);
            Send(new SshWriter(SshMsg.ChannelData).UInt32(_theirId!.Value).String(data.AsSpan(sent, n)));
            _remoteWindow -= n;
            sent += n;
        }
    }

    public int Read(Span<byte> buffer)
    {
        while (_pending.Count == 0)
        {
            if (_eof || _closed)
            {
                return 0;
            }

            Pump();
        }

        int n = 0;
        while (n < buffer.Length && _pending.Count > 0)
        {
            buffer[n++] = _pending.Dequeue();
        }

        if (_window < Window / 2 && !_closed)
        {
            Send(new SshWriter(SshMsg.ChannelWindowAdjust).UInt32(_theirId!.Value).UInt32(Window - _window));
            _window = Window;
        }

        return n;
    }

    /// <summary>Handles one message from the client. Transport messages are answered here too: a rekey, a global request, a disconnect.</summary>
    private void Pump()
    {
        byte[] m;
        try
        {
            m = stream.Read();
        }
        catch (IOException)
        {
            _closed = true; // gone or silent: the shell sees a hang-up
            return;
        }

        var r = new SshReader(m.AsSpan(1));
        switch (m[0])
        {
            case SshMsg.Ignore or SshMsg.Debug or SshMsg.Unimplemented:
                break;
            case SshMsg.Disconnect:
                _closed = true;
                break;
            case SshMsg.KexInit:
                kex.Run(m);
                break;
            case SshMsg.GlobalRequest:
                r.Text();
                if (r.Bool())
                {
                    Send(new SshWriter(SshMsg.RequestFailure));
                }

                break;
            case SshMsg.ChannelOpen:
                Open(ref r);
                break;
            case SshMsg.ChannelWindowAdjust:
                Ours(ref r);
                _remoteWindow = Math.Min(uint.MaxValue, _remoteWindow + r.UInt32());
                break;
            case SshMsg.ChannelData:
                Ours(ref r);
                ReadOnlySpan<byte> data = r.String();
                if (data.Length > _window)
                {
                    throw new SshProtocolException($"{data.Length} bytes of data with a window of {_window}");
                }

                _window -= (uint)data.Length;
                foreach (byte b in data)
                {
                    _pending.Enqueue(b);
                }

                break;
            case SshMsg.ChannelExtendedData:
                throw new SshProtocolException("extended data from the client");
            case SshMsg.ChannelEof:
                Ours(ref r);
                _eof = true;
                break;
            case SshMsg.ChannelClose:
                Ours(ref r);
                _closed = true;
                break;
            case SshMsg.ChannelRequest:
                Ours(ref r);
                Request(ref r);
                break;
            case SshMsg.UserauthRequest:
                break; // a late login request after success: RFC 4252 §5.1 says ignore it
            default:
                Send(new SshWriter(SshMsg.Unimplemented).UInt32(stream.LastSequence));
                break;
        }
    }

    private void Open(ref SshReader r)
    {
        string type = r.Text();
        uint sender = r.UInt32();
        uint window = r.UInt32();
        uint max = r.UInt32();
        if (type != "session" || _theirId is not null)
        {
            // reason 1: administratively prohibited (a second channel), 3: unknown channel type
            Send(new SshWriter(SshMsg.ChannelOpenFailure).UInt32(sender).UInt32(type == "session" ? 1u : 3u).String("only one session").String(""));
            return;
        }

        _theirId = sender;
        _remoteWindow = window;
        _remoteMax = Math.Clamp(max, 1, MaxData);
        Send(new SshWriter(SshMsg.ChannelOpenConfirmation).UInt32(sender).UInt32(OurId).UInt32(Window).UInt32(MaxData));
    }

    private void Request(ref SshReader r)
    {
        string type = r.Text();
        bool wantReply = r.Bool();
        bool started = _exec is not null || _shell;
        bool ok = false;
        switch (type)
        {
            case "pty-req" when !started:
                r.Text(); // TERM
                _pty = ok = true;
                break;
            case "exec" when !started:
                ReadOnlySpan<byte> command = r.String();
                _exec = Encoding.UTF8.GetString(command[..Math.Min(command.Length, LineEditor.MaxLine)]);
                ok = true;
                break;
            case "shell" when !started:
                _shell = ok = true;
                break;
        }

        if (wantReply)
        {
            Send(new SshWriter(ok ? SshMsg.ChannelSuccess : SshMsg.ChannelFailure).UInt32(_theirId!.Value));
        }
    }

    /// <summary>Reads the recipient channel of a channel message: it must be our one open channel.</summary>
    private void Ours(ref SshReader r)
    {
        if (_theirId is null || r.UInt32() != OurId)
        {
            throw new SshProtocolException("a message for a channel that is not open");
        }
    }

    private void Send(SshWriter message)
    {
        try
        {
            stream.Write(message.ToArray());
        }
        catch (IOException)
        {
            _closed = true;
        }
    }
}
