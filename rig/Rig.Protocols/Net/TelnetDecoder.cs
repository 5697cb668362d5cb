namespace Rig.Protocols.Net;

/// <summary>
/// Splits a telnet byte stream (RFC 854/855) into data and option negotiations. Keeps its state
/// across chunks, so a command split between two reads is still recognised.
/// </summary>
/// <remarks>
/// The peer is hostile: subnegotiations are skipped, never stored, and one that never ends is
/// abandoned after <see cref="MaxSubnegotiation"/> bytes so it cannot swallow the session.
/// </remarks>
public sealed class TelnetDecoder
{
    /// <summary>Longest subnegotiation skipped before the decoder gives up on it and reads data again.</summary>
    public const int MaxSubnegotiation = 1024;

    private const byte Cr = 13;

    private enum State
    {
        Data,
        Iac,
        Option,
        Sub,
        SubIac,
    }

    private State _state;
    private byte _verb;
    private int _subLength;
    private bool _afterCr;

    /// <summary>Decodes <paramref name="input"/>; data goes to <paramref name="data"/>, negotiations to <paramref name="commands"/>.</summary>
    /// <param name="data">At least as long as <paramref name="input"/>: decoding never makes data longer.</param>
    /// <returns>The number of data bytes written.</returns>
    public int Decode(ReadOnlySpan<byte> input, Span<byte> data, List<TelnetCommand> commands)
    {
        if (data.Length < input.Length)
        {
            throw new ArgumentException("the data span must be at least as long as the input", nameof(data));
        }

        int n = 0;
        foreach (byte b in input)
        {
            switch (_state)
            {
                case State.Data:
                    if (b == TelnetCodes.Iac)
                    {
                        _state = State.Iac;
                    }
                    else if (!(_afterCr && b == 0))
                    {
                        // CR NUL is how NVT sends a bare carriage return: keep the CR only.
                        data[n++] = b;
                    }

                    _afterCr = b == Cr;
                    break;

                case State.Iac:
                    _afterCr = false;
                    if (b == TelnetCodes.Iac)
                    {
                        data[n++] = TelnetCodes.Iac;
                        _state = State.Data;
                    }
                    else
                    {
                        Command(b);
                    }

                    break;

                case State.Option:
                    commands.Add(new TelnetCommand(_verb, b));
                    _state = State.Data;
                    break;

                case State.Sub:
                    if (b == TelnetCodes.Iac)
                    {
                        _state = State.SubIac;
                    }
                    else
                    {
                        CountSub();
                    }

                    break;

                case State.SubIac:
                    if (b == TelnetCodes.Se)
                    {
                        _state = State.Data;
                    }
                    else if (b == TelnetCodes.Iac)
                    {
                        _state = State.Sub;
                        CountSub();
                    }
                    else
                    {
                        // IAC plus another command inside SB: the SE was lost; treat the SB as ended.
                        Command(b);
                    }

                    break;
            }
        }

        return n;
    }

    private void Command(byte b)
    {
        if (TelnetCodes.IsNegotiation(b))
        {
            _verb = b;
            _state = State.Option;
        }
        else if (b == TelnetCodes.Sb)
        {
            _subLength = 0;
            _state = State.Sub;
        }
        else
        {
            _state = State.Data; // NOP, GA, AYT, a stray SE...: nothing to do
        }
    }

    private void CountSub()
    {
        if (++_subLength > MaxSubnegotiation)
        {
            _state = State.Data;
        }
    }
}
