namespace Rig.Expect;

/// <summary>
/// Recognises terminal control sequences in console bytes so patterns never see them: CSI (colours,
/// cursor moves, the cursor-position query ESC[6n that busybox ash prints after every prompt), OSC
/// (window titles), DCS/SOS/PM/APC strings and other ESC sequences. Stateful, so a sequence split
/// across reads is still recognised.
/// </summary>
/// <remarks>
/// Bounded: a sequence longer than <see cref="MaxSequence"/> bytes is no terminal's, and its later
/// bytes are text again, so a device cannot hide output by opening a sequence that never ends.
/// A control character inside a CSI or escape ends it (and stays text), as terminals execute them.
/// </remarks>
internal sealed class TerminalFilter
{
    /// <summary>Longest sequence hidden from patterns.</summary>
    public const int MaxSequence = 256;

    private const byte Esc = 0x1B;
    private const byte Bel = 0x07;

    private State _state;
    private int _length;

    private enum State
    {
        Text,
        Escape,       // after ESC
        Csi,          // ESC [ parameters/intermediates, until a final byte
        Intermediate, // ESC and intermediate bytes (ESC ( B), until a final byte
        String,       // OSC, DCS, SOS, PM, APC: until BEL or ESC \
        StringEscape, // ESC inside a string: ST if '\' follows
    }

    /// <summary>True outside any sequence: the next byte is text unless it is ESC.</summary>
    public bool InText => _state == State.Text;

    /// <summary>Forgets a sequence in progress (the bytes before a flood's tail were never seen).</summary>
    public void Reset() => _state = State.Text;

    /// <summary>Feeds one byte; true when it is text that patterns see.</summary>
    public bool Keep(byte b)
    {
        switch (_state)
        {
            case State.Text:
                if (b != Esc)
                {
                    return true;
                }

                _state = State.Escape;
                _length = 1;
                return false;
            case State.Escape:
                switch (b)
                {
                    case (byte)'[':
                        _state = State.Csi;
                        return false;
                    case (byte)']' or (byte)'P' or (byte)'X' or (byte)'^' or (byte)'_':
                        _state = State.String;
                        return false;
                    case >= 0x20 and <= 0x2F:
                        _state = State.Intermediate;
                        return Longer();
                    case >= 0x30 and <= 0x7E:
                        return End(); // a two-byte sequence: ESC 7, ESC =, ESC c
                    default:
                        return Broken(b);
                }

            case State.Csi:
                return b switch
                {
                    >= 0x40 and <= 0x7E => End(),
                    >= 0x20 and <= 0x3F => Longer(),
                    _ => Broken(b),
                };
            case State.Intermediate:
                return b switch
                {
                    >= 0x30 and <= 0x7E => End(),
                    >= 0x20 and <= 0x2F => Longer(),
                    _ => Broken(b),
                };
            case State.String:
                return b switch
                {
                    Bel => End(),
                    Esc => Escaped(),
                    (byte)'\r' or (byte)'\n' => Broken(b), // no title spans lines
                    _ => Longer(),
                };
            default: // StringEscape
                if (b == (byte)'\\')
                {
                    return End();
                }

                _state = State.Escape; // the ESC starts a new sequence
                return Keep(b);
        }
    }

    private bool End()
    {
        _state = State.Text;
        return false;
    }

    private bool Longer()
    {
        if (++_length > MaxSequence)
        {
            _state = State.Text;
        }

        return false;
    }

    private bool Escaped()
    {
        _state = State.StringEscape;
        return Longer();
    }

    /// <summary>A byte that cannot continue the sequence ends it; ESC starts another, anything else is text.</summary>
    private bool Broken(byte b)
    {
        _state = State.Text;
        return Keep(b);
    }
}
