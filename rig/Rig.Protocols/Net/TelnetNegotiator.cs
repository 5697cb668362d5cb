namespace Rig.Protocols.Net;

/// <summary>
/// Answers option negotiation so that it converges and never loops: a reply only on a real
/// change of an option's state, and the same reply (verb and option) at most once per session.
/// </summary>
/// <remarks>
/// The at-most-once rule goes beyond RFC 1143 on purpose: a hostile or broken peer that toggles an
/// option forever gets a bounded number of answers, at the cost of a peer that toggles honestly
/// seeing no second acknowledgement.
/// </remarks>
public sealed class TelnetNegotiator
{
    private const byte No = 0, Yes = 1, WantYes = 2;

    private readonly bool[] _acceptRemote = new bool[256];
    private readonly bool[] _acceptLocal = new bool[256];
    private readonly byte[] _him = new byte[256];
    private readonly byte[] _us = new byte[256];
    private readonly bool[] _sent = new bool[4 * 256];

    /// <param name="acceptRemote">Options the peer may enable on its side: its WILL gets DO, others get DONT.</param>
    /// <param name="acceptLocal">Options we enable when asked: a DO gets WILL, others get WONT.</param>
    public TelnetNegotiator(IEnumerable<byte> acceptRemote, IEnumerable<byte> acceptLocal)
    {
        foreach (byte o in acceptRemote)
        {
            _acceptRemote[o] = true;
        }

        foreach (byte o in acceptLocal)
        {
            _acceptLocal[o] = true;
        }
    }

    /// <summary>The client side the rig uses: the server may echo and suppress go-ahead; we enable nothing.</summary>
    public static TelnetNegotiator ForClient() =>
        new([TelnetCodes.OptEcho, TelnetCodes.OptSuppressGoAhead], []);

    /// <summary>True when the peer has enabled <paramref name="option"/> on its side (e.g. it echoes).</summary>
    public bool RemoteEnabled(byte option) => _him[option] == Yes;

    /// <summary>True when we have enabled <paramref name="option"/> on our side.</summary>
    public bool LocalEnabled(byte option) => _us[option] == Yes;

    /// <summary>Starts a negotiation from our side: WILL (enable ours) or DO (ask the peer).</summary>
    public void Request(byte verb, byte option, List<byte> output)
    {
        if (verb == TelnetCodes.Will && _us[option] == No)
        {
            _us[option] = WantYes;
            Emit(verb, option, output);
        }
        else if (verb == TelnetCodes.Do && _him[option] == No)
        {
            _him[option] = WantYes;
            Emit(verb, option, output);
        }
        else if (verb is not (TelnetCodes.Will or TelnetCodes.Do))
        {
            throw new ArgumentOutOfRangeException(nameof(verb), "only WILL or DO start a negotiation");
        }
    }

    /// <summary>Updates the option state from a peer's command and appends any reply to <paramref name="output"/>.</summary>
    public void Receive(TelnetCommand command, List<byte> output)
    {
        byte o = command.Option;
        switch (command.Verb)
        {
            case TelnetCodes.Will:
                if (_him[o] == WantYes)
                {
                    _him[o] = Yes; // the answer to our DO
                }
                else if (_him[o] == No)
                {
                    if (_acceptRemote[o])
                    {
                        _him[o] = Yes;
                        Emit(TelnetCodes.Do, o, output);
                    }
                    else
                    {
                        Emit(TelnetCodes.Dont, o, output);
                    }
                }

                break;

            case TelnetCodes.Wont:
                if (_him[o] == Yes)
                {
                    _him[o] = No;
                    Emit(TelnetCodes.Dont, o, output);
                }
                else
                {
                    _him[o] = No; // a refusal of our DO needs no answer
                }

                break;

            case TelnetCodes.Do:
                if (_us[o] == WantYes)
                {
                    _us[o] = Yes;
                }
                else if (_us[o] == No)
                {
                    if (_acceptLocal[o])
                    {
                        _us[o] = Yes;
                        Emit(TelnetCodes.Will, o, output);
                    }
                    else
                    {
                        Emit(TelnetCodes.Wont, o, output);
                    }
                }

                break;

            case TelnetCodes.Dont:
                if (_us[o] == Yes)
                {
                    _us[o] = No;
                    Emit(TelnetCodes.Wont, o, output);
                }
                else
                {
                    _us[o] = No;
                }

                break;
        }
    }

    private void Emit(byte verb, byte option, List<byte> output)
    {
        int slot = ((verb - TelnetCodes.Will) * 256) + option;
        if (_sent[slot])
        {
            return;
        }

        _sent[slot] = true;
        output.Add(TelnetCodes.Iac);
        output.Add(verb);
        output.Add(option);
    }
}
