using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// Turns typed bytes into lines, as a tty in canonical mode would: echo, backspace, CR or LF as
/// Enter (CR LF and CR NUL count once), Ctrl-C drops the line. A line keeps at most
/// <see cref="MaxLine"/> bytes; the rest of an overlong line is dropped, so garbage cannot grow it.
/// </summary>
internal sealed class LineEditor(ITerminal terminal)
{
    public const int MaxLine = 4096;

    private readonly byte[] _input = new byte[1024];
    private readonly byte[] _line = new byte[MaxLine];
    private readonly StringBuilder _echo = new();
    private int _pos;
    private int _len;
    private bool _afterCr;

    /// <summary>Reads one line; null when the terminal is gone.</summary>
    /// <param name="echo">False for passwords: nothing is echoed but the final newline.</param>
    public string? ReadLine(bool echo)
    {
        int count = 0;
        echo &= terminal.EchoesInput;
        while (true)
        {
            if (_pos == _len)
            {
                FlushEcho();
                _len = terminal.Read(_input);
                _pos = 0;
                if (_len <= 0)
                {
                    _len = 0;
                    return null;
                }
            }

            byte b = _input[_pos++];
            if (_afterCr && b is (byte)'\n' or 0)
            {
                _afterCr = false;
                continue;
            }

            _afterCr = b == '\r';
            switch (b)
            {
                case (byte)'\r':
                case (byte)'\n':
                    _echo.Append("\r\n");
                    FlushEcho();
                    return Encoding.Latin1.GetString(_line, 0, count);

                case 0x08:
                case 0x7f:
                    if (count > 0)
                    {
                        count--;
                        if (echo)
                        {
                            _echo.Append("\b \b");
                        }
                    }

                    break;

                case 0x03:
                    _echo.Append("^C\r\n");
                    FlushEcho();
                    return "";

                default:
                    if (b >= 0x20 && count < MaxLine)
                    {
                        _line[count++] = b;
                        if (echo)
                        {
                            _echo.Append((char)b);
                        }
                    }

                    break;
            }
        }
    }

    private void FlushEcho()
    {
        if (_echo.Length > 0)
        {
            terminal.Write(_echo.ToString());
            _echo.Clear();
        }
    }
}
