namespace Rig.Cli.Terminal;

/// <summary>
/// Passes device output to the operator's terminal but drops terminal "string" controls (OSC,
/// DCS, APC, PM, SOS): through them a hostile device could retitle the window, write the
/// clipboard (OSC 52) or talk to the terminal emulator. Colours and cursor moves (CSI) pass.
/// </summary>
public sealed class StringControlFilter
{
    private const byte Esc = 0x1B;
    private const byte Bel = 0x07;
    private const int MaxStringBytes = 64 * 1024; // an unterminated string cannot swallow the session forever

    private State _state;
    private int _dropped;

    private enum State
    {
        Text,
        Escape,
        InString,
        InStringEscape,
    }

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (at most as long); returns the bytes written.</summary>
    public int Filter(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int o = 0;
        foreach (byte b in input)
        {
            switch (_state)
            {
                case State.Text:
                    // Raw 8-bit C1 bytes are left alone: in UTF-8 they are continuation bytes (ŝ, many CJK
                    // characters), and UTF-8 terminals do not act on them.
                    if (b == Esc)
                    {
                        _state = State.Escape;
                    }
                    else
                    {
                        output[o++] = b;
                    }

                    break;
                case State.Escape:
                    if (b is (byte)']' or (byte)'P' or (byte)'_' or (byte)'^' or (byte)'X')
                    {
                        Begin();
                    }
                    else
                    {
                        output[o++] = Esc;
                        output[o++] = b;
                        _state = State.Text;
                    }

                    break;
                case State.InString:
                    if (b == Bel || ++_dropped > MaxStringBytes)
                    {
                        _state = State.Text;
                    }
                    else if (b == Esc)
                    {
                        _state = State.InStringEscape;
                    }

                    break;
                case State.InStringEscape:
                    _state = b == (byte)'\\' ? State.Text : State.InString; // ESC \ is the string terminator
                    break;
            }
        }

        return o;
    }

    /// <summary>Output can be one byte longer than input (a held ESC released).</summary>
    public static int MaxOutput(int inputLength) => inputLength + 1;

    private void Begin()
    {
        _state = State.InString;
        _dropped = 0;
    }
}
