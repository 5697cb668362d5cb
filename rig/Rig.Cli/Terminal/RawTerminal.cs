using Rig.Drivers.Native;

namespace Rig.Cli.Terminal;

/// <summary>Puts the operator's own terminal in raw mode for an interactive console, and restores it on dispose.</summary>
public sealed class RawTerminal : IDisposable
{
    private readonly Termios2 _saved;
    private bool _restored;

    private RawTerminal(Termios2 saved)
    {
        _saved = saved;
    }

    /// <summary>Null when standard input is not a terminal (a pipe or a file).</summary>
    public static RawTerminal? TryEnter()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Termios2 saved = Termios2.Get(0);
        Termios2 raw = saved;
        raw.MakeRaw();
        raw.c_oflag |= Termios2.OPOST; // keep \n -> \r\n for our own status lines
        raw.c_cflag = saved.c_cflag;   // only the line discipline changes, never the speed
        Termios2.Set(0, raw);
        return new RawTerminal(saved);
    }

    public void Dispose()
    {
        if (!_restored)
        {
            _restored = true;
            Termios2.Set(0, _saved);
        }
    }
}
