using Rig.Drivers.Native;
using Rig.Protocols;

namespace Rig.Drivers.Serial;

/// <summary>The console of a device on any tty node: a USB-serial adapter, the Pi's UART, or a pseudo-terminal.</summary>
/// <remarks>
/// <para>From <see cref="Start"/> until disposal one dedicated reader thread owns the node: it opens
/// it as soon as it exists (re-resolving the path each time, so a re-pointed symlink is followed),
/// sets raw 8N1 at the configured rate, hands every chunk read to the listeners, and after a
/// hangup waits for the node to come back. Absence is silent; hangups are reported once each;
/// other open failures (permissions, EBUSY, not a tty) are reported once per distinct message and
/// retried with back-off.</para>
/// <para>A listener that throws keeps receiving; its first exception is reported to all listeners
/// as <see cref="ConsoleStatus.Failed"/>.</para>
/// </remarks>
public sealed partial class TtyConsole : IConsole
{
    private readonly SerialSettings _settings;
    private readonly ConsoleListeners _listeners;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _readerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Thread? _reader;
    private WakePipe? _wake;
    private WakePipe? _writeKick;
    private Task? _disposal;

    /// <summary>The open node, published by the reader; null while absent, hung up or failing.</summary>
    private volatile TtyHandle? _handle;

    /// <summary>Why there is no handle, for the exception a writer gets.</summary>
    private volatile string _notOpenReason = "console not started";

    private volatile bool _stopping;

    /// <summary>Creates a console for <paramref name="settings"/>; nothing is opened before <see cref="Start"/>.</summary>
    public TtyConsole(SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Baud);
        _settings = settings;
        _listeners = new ConsoleListeners(settings.Path);
    }

    /// <summary>The configured tty path.</summary>
    public string Describe => _settings.Path;

    /// <summary>True while the node is open and has not hung up.</summary>
    public bool IsOpen => _handle is not null;

    /// <summary>The reader's kernel thread id (0 before it runs), for tests that watch its CPU time.</summary>
    internal int ReaderTid { get; private set; }

    /// <summary>True while the reader thread runs.</summary>
    internal bool ReaderAlive => _reader?.IsAlive ?? false;

    /// <inheritdoc/>
    public void Subscribe(IConsoleListener listener) => _listeners.Add(listener);

    /// <inheritdoc/>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposal is not null, this);
            if (_reader is not null)
            {
                throw new InvalidOperationException($"console {Describe} is already started");
            }

            _wake = new WakePipe();
            _writeKick = new WakePipe();
            _notOpenReason = "waiting for the device node";
            _reader = new Thread(ReadLoop) { Name = $"console {Describe}", IsBackground = true };
            _reader.Start();
        }
    }

    /// <summary>Stops the reader, flushes pending output, releases exclusivity, closes the node, then reports <see cref="ConsoleStatus.Closed"/>. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposal ??= DisposeCoreAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task DisposeCoreAsync()
    {
        _stopping = true;
        if (_reader is not null)
        {
            _wake!.Signal();
            _writeKick!.Signal();
            await _readerExited.Task.ConfigureAwait(false);
            _reader.Join();
        }

        // A writer waiting for room was kicked above; once it lets go, nothing else uses the fd or the pipes.
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _handle?.Dispose();
            _handle = null;
            _notOpenReason = "console closed";
            _wake?.Dispose();
            _writeKick?.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }

        _listeners.Status(Monotonic.NowNs, ConsoleStatus.Closed, $"closed {Describe}");
    }

    private void Status(ConsoleStatus status, string detail) => _listeners.Status(Monotonic.NowNs, status, detail);
}
