using System.Threading.Tasks.Sources;

namespace Rig.Engine.Engine;

/// <summary>
/// A slot's events, from many writers to one reader (the run's loop), in the order posted.
/// Unlike a channel, a writer chooses where a waiting loop resumes: on the thread pool
/// (<see cref="Post"/>), or on the writer's own thread (<see cref="PostHere"/>), which the console
/// reader uses so that matching new output costs no thread switch.
/// </summary>
internal sealed class RunEventQueue : IValueTaskSource<RunEvent>
{
    private readonly Lock _lock = new();
    private readonly Queue<RunEvent> _events = new();
    private ManualResetValueTaskSourceCore<RunEvent> _waiter; // a mutable struct: never readonly, never copied
    private bool _waiting;
    private CancellationToken _waitToken;
    private CancellationTokenRegistration _waitRegistration;

    /// <summary>Posts an event; a waiting loop resumes on the thread pool.</summary>
    public void Post(RunEvent ev) => Deliver(ev, here: false);

    /// <summary>Posts an event; a waiting loop resumes on this thread before the call returns.</summary>
    /// <remarks>For the console reader only: the loop leaves this thread for anything but matching and brief replies.</remarks>
    public void PostHere(RunEvent ev) => Deliver(ev, here: true);

    /// <summary>The next event; waits when there is none. One reader at a time.</summary>
    public ValueTask<RunEvent> ReadAsync(CancellationToken ct)
    {
        short version;
        lock (_lock)
        {
            if (_events.TryDequeue(out RunEvent? ev))
            {
                return new ValueTask<RunEvent>(ev);
            }

            if (ct.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<RunEvent>(ct);
            }

            _waiter.Reset();
            _waiting = true;
            _waitToken = ct;
            version = _waiter.Version;
        }

        if (ct.CanBeCanceled)
        {
            // Registered outside the lock: a token cancelled meanwhile runs Cancel at once, which takes the lock.
            CancellationTokenRegistration registration = ct.UnsafeRegister(static q => ((RunEventQueue)q!).Cancel(), this);
            bool keep;
            lock (_lock)
            {
                keep = _waiting;
                if (keep)
                {
                    _waitRegistration = registration;
                }
            }

            if (!keep)
            {
                registration.Unregister(); // an event or the cancel came first
            }
        }

        return new ValueTask<RunEvent>(this, version);
    }

    private void Deliver(RunEvent ev, bool here)
    {
        CancellationTokenRegistration registration;
        lock (_lock)
        {
            if (!_waiting)
            {
                _events.Enqueue(ev);
                return;
            }

            _waiting = false;
            registration = _waitRegistration;
            _waitRegistration = default;
        }

        registration.Unregister(); // not Dispose: that would wait for a Cancel running on another thread
        _waiter.RunContinuationsAsynchronously = !here;
        _waiter.SetResult(ev);
    }

    private void Cancel()
    {
        CancellationToken token;
        lock (_lock)
        {
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
            _waitRegistration = default;
            token = _waitToken;
        }

        _waiter.RunContinuationsAsynchronously = true;
        _waiter.SetException(new OperationCanceledException(token));
    }

    RunEvent IValueTaskSource<RunEvent>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<RunEvent>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<RunEvent>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}
