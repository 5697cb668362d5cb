using System.Security.Cryptography;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>A busybox-like login: "vcam login: ", "Password: " (not echoed), a pause and "Login incorrect" on failure.</summary>
internal sealed class Login(ITerminal terminal, LineEditor editor, DeviceContext device, string where, LoginLockout? lockout = null)
{
    public const string Prompt = "vcam login: ";

    /// <summary>Prompts until the right pair is typed (true), the terminal is gone, or <paramref name="maxFailures"/> is reached (false).</summary>
    /// <param name="maxFailures">0 for no limit (the console's getty starts login again forever).</param>
    public bool Run(string user, string password, int maxFailures)
    {
        int failures = 0;
        while (true)
        {
            terminal.Write(Prompt);
            string? name = editor.ReadLine(echo: true);
            if (name is null)
            {
                return false;
            }

            if (name.Length == 0)
            {
                continue;
            }

            terminal.Write("Password: ");
            string? typed = editor.ReadLine(echo: false);
            if (typed is null)
            {
                return false;
            }

            // While locked out even the right pair is refused, with the same answer: a guesser learns nothing.
            bool locked = lockout is not null && lockout.IsLocked(out _);
            if (!locked & Same(name, user) & Same(typed, password))
            {
                lockout?.Succeeded();
                device.Log.Write($"{where}: login as {DeviceLog.Safe(name)} accepted");
                return true;
            }

            failures++;
            device.Log.Write($"{where}: login failed for user '{DeviceLog.Safe(name)}' ({failures}){(locked ? ", locked out" : string.Empty)}");
            if (!locked && lockout?.Failed() == true)
            {
                device.Log.Write($"{where}: locked out for {lockout.For.TotalSeconds:0.#} s after {lockout.After} failures");
            }

            Thread.Sleep(device.Options.LoginFailDelay);
            terminal.Write("\r\nLogin incorrect\r\n");
            if (maxFailures > 0 && failures >= maxFailures)
            {
                return false;
            }
        }
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.Latin1.GetBytes(a), Encoding.Latin1.GetBytes(b));
}
