namespace Rig.VirtualDevice;

/// <summary>
/// Brute-force protection of one login service: after <see cref="After"/> failures in a row the
/// service refuses every attempt, right or wrong, for <see cref="For"/>. A success resets the count.
/// In memory only: a power cycle clears it, as on most cameras.
/// </summary>
internal sealed class LoginLockout(int after, TimeSpan lockFor)
{
    private readonly Lock _gate = new();
    private int _failures;
    private long _lockedUntil; // Environment.TickCount64 in ms

    public int After => after;

    public TimeSpan For => lockFor;

    /// <summary>True while locked; <paramref name="remaining"/> says for how long.</summary>
    public bool IsLocked(out TimeSpan remaining)
    {
        lock (_gate)
        {
            long left = _lockedUntil - Environment.TickCount64;
            remaining = left > 0 ? TimeSpan.FromMilliseconds(left) : TimeSpan.Zero;
            return left > 0;
        }
    }

    /// <summary>Counts a failure; returns true when this failure starts a lockout.</summary>
    public bool Failed()
    {
        lock (_gate)
        {
            if (++_failures < after)
            {
                return false;
            }

            _failures = 0;
            _lockedUntil = Environment.TickCount64 + (long)lockFor.TotalMilliseconds;
            return true;
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
        }
    }
}
