namespace Rig.Protocols;

/// <summary>A device's serial line: raw bytes in and out, captured from Start until disposal.</summary>
/// <remarks>
/// One reader per console runs from <see cref="Start"/> until disposal, whether or not anyone
/// waits for a pattern. It delivers every chunk, with its monotonic timestamp, to the listeners
/// on the reader thread, so a listener must be quick and must copy what it keeps.
/// </remarks>
public interface IConsole : IAsyncDisposable
{
    /// <summary>Identity for journals and errors, e.g. the tty path.</summary>
    string Describe { get; }

    /// <summary>True while the device node is open and has not hung up.</summary>
    bool IsOpen { get; }

    /// <summary>Adds a listener. Call before <see cref="Start"/>.</summary>
    void Subscribe(IConsoleListener listener);

    /// <summary>Starts the reader. The node is opened as soon as it exists, and again after it comes back.</summary>
    void Start();

    /// <summary>Writes all of <paramref name="data"/> to the device.</summary>
    /// <exception cref="ConsoleUnavailableException">The node is absent or hung up.</exception>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);
}

/// <summary>Receives what a console reads. Called on the console's reader thread.</summary>
public interface IConsoleListener
{
    /// <summary>A chunk as read; <paramref name="data"/> is only valid during the call.</summary>
    void OnData(long monoNs, ReadOnlySpan<byte> data);

    /// <summary>The node appeared and was opened, hung up, vanished, or failed to open.</summary>
    void OnStatus(long monoNs, ConsoleStatus status, string detail);
}

public enum ConsoleStatus
{
    /// <summary>The node was opened (first time or after it came back).</summary>
    Opened,

    /// <summary>The node hung up (EIO/POLLHUP): unplugged, or its emulator died.</summary>
    HungUp,

    /// <summary>Opening failed for a reason other than absence (permissions, EBUSY, not a tty).</summary>
    Failed,

    /// <summary>The console was closed by the rig (teardown).</summary>
    Closed,
}

/// <summary>Thrown when writing to a console that is not open.</summary>
public sealed class ConsoleUnavailableException(string message) : IOException(message);
