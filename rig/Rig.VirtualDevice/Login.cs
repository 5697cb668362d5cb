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

            if (PasswordCheck.Verify(device, where, lockout, name, typed, user, password, failures))
            {
                return true;
            }

            failures++;
            terminal.Write("\r\nLogin incorrect\r\n");
            if (maxFailures > 0 && failures >= maxFailures)
            {
                return false;
            }
        }
    }
}
