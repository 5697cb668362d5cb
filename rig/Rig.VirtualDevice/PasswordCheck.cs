using System.Security.Cryptography;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// How every login of the camera judges a typed pair (console, telnet, ssh): in constant time,
/// refused while the service is locked out (with the same answer, so a guesser learns nothing),
/// logged, counted against the lockout, and paid for with the personality's pause after a failure.
/// </summary>
internal static class PasswordCheck
{
    /// <param name="failures">How many failures this session had before this attempt (for the log).</param>
    public static bool Verify(DeviceContext device, string where, LoginLockout? lockout, string name, string typed, string user, string password, int failures)
    {
        bool locked = lockout is not null && lockout.IsLocked(out _);
        if (!locked & Same(name, user) & Same(typed, password))
        {
            lockout?.Succeeded();
            device.Log.Write($"{where}: login as {DeviceLog.Safe(name)} accepted");
            return true;
        }

        device.Log.Write($"{where}: login failed for user '{DeviceLog.Safe(name)}' ({failures + 1}){(locked ? ", locked out" : string.Empty)}");
        if (!locked && lockout?.Failed() == true)
        {
            device.Log.Write($"{where}: locked out for {lockout.For.TotalSeconds:0.#} s after {lockout.After} failures");
        }

        Thread.Sleep(device.Options.LoginFailDelay);
        return false;
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
