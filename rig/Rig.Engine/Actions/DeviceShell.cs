using Rig.Engine.Journal;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Expect;

namespace Rig.Engine.Actions;

/// <summary>A shell on the device's console for an action: log in when asked, run a command, read its answer.</summary>
internal sealed partial class DeviceShell(ActionContext context, ConsoleTap tap)
{
    private static readonly Regex PromptPattern = Prompt();
    private static readonly Regex LoginPattern = Login();
    private static readonly Regex PasswordPattern = Password();
    private static readonly Regex IncorrectPattern = Incorrect();

    /// <summary>Presses Enter until a shell prompt answers, logging in if asked; false when none comes within <paramref name="timeout"/>.</summary>
    /// <param name="booting">The device is booting: wait quietly for its prompt first, as a key could stop its bootloader.</param>
    public async Task<bool> EnsureAsync(TimeSpan timeout, CancellationToken ct, bool booting = false)
    {
        long until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        bool loggedIn = false;
        bool quiet = booting;
        while (Environment.TickCount64 < until)
        {
            ExpectHit? hit;
            if (quiet)
            {
                quiet = false;
                hit = await tap.ExpectAsync([PromptPattern, LoginPattern], timeout, ct).ConfigureAwait(false);
            }
            else
            {
                tap.Flush();
                await TypeAsync("\r", ct).ConfigureAwait(false);
                hit = await tap.ExpectAsync([PromptPattern, LoginPattern], TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            }

            if (hit?.PatternIndex == 0)
            {
                return true;
            }

            if (hit?.PatternIndex == 1 && !loggedIn)
            {
                loggedIn = true; // one try: a wrong password must not run into a lockout
                if (!await LogInAsync(ct).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>How long the console must stay silent before a command is typed.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits (at most 3 s) until the console has been silent for a moment, then forgets what it
    /// printed: a prompt still on its way (the answer to an earlier Enter, or the one after a
    /// refusal) must not be taken for the answer to what is typed next.
    /// </summary>
    public async Task SettleAsync(CancellationToken ct)
    {
        long until = Environment.TickCount64 + 3000;
        while (Environment.TickCount64 < until && await tap.ExpectAsync([AnyOutput()], Quiet, ct).ConfigureAwait(false) is not null)
        {
        }

        tap.Flush();
    }

    /// <summary>Types a command and returns what it printed between its echo and the next prompt; null when no such prompt came back.</summary>
    public async Task<string?> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        await SettleAsync(ct).ConfigureAwait(false);
        await TypeAsync(command + "\r", ct).ConfigureAwait(false);
        // A prompt already on its way (an earlier Enter's answer) can arrive after the flush: only the
        // prompt after the command's echo ends its answer. A console that does not echo gives null.
        long until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < until)
        {
            ExpectHit? hit = await tap.ExpectAsync([OutputThenPrompt()], TimeSpan.FromMilliseconds(until - Environment.TickCount64), ct).ConfigureAwait(false);
            if (hit is null)
            {
                return null;
            }

            string text = hit.Captures.GetValueOrDefault("out", string.Empty);
            int echo = text.IndexOf(command, StringComparison.Ordinal);
            if (echo >= 0)
            {
                return text[(echo + command.Length)..];
            }
        }

        return null;
    }

    /// <summary>The version the device reports (the last short word line of the version command), or null.</summary>
    public async Task<string?> VersionAsync(string versionCommand, CancellationToken ct)
    {
        string? output = await RunAsync(versionCommand, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (output is null)
        {
            return null;
        }

        Match m = VersionLine().Match(output);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Types text at the profile's pace (consoles without flow control drop characters).</summary>
    public Task TypeAsync(string text, CancellationToken ct, bool secret = false) =>
        ConsoleTyping.TypeSecretAsync(context, text, secret, ct);

    private async Task<bool> LogInAsync(CancellationToken ct)
    {
        string? password = context.Unit.ConsolePassword;
        if (password is null)
        {
            return false;
        }

        string user = context.Profile.Update?.LoginUser ?? "root";
        tap.Flush();
        await TypeAsync(user + "\r", ct).ConfigureAwait(false);
        if (await tap.ExpectAsync([PasswordPattern], TimeSpan.FromSeconds(10), ct).ConfigureAwait(false) is null)
        {
            return false;
        }

        tap.Flush();
        await TypeAsync(password + "\r", ct, secret: true).ConfigureAwait(false);
        ExpectHit? hit = await tap.ExpectAsync([PromptPattern, IncorrectPattern], TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        return hit?.PatternIndex == 0;
    }

    [GeneratedRegex(ConsolePrompts.Shell)]
    private static partial Regex Prompt();

    [GeneratedRegex(@"(?s:(?<out>.*?))(?:" + ConsolePrompts.Shell + ")")]
    private static partial Regex OutputThenPrompt();

    [GeneratedRegex(ConsolePrompts.Login)]
    private static partial Regex Login();

    [GeneratedRegex(ConsolePrompts.Password)]
    private static partial Regex Password();

    [GeneratedRegex(@"[\s\S]+")]
    private static partial Regex AnyOutput();

    [GeneratedRegex(@"(?i)login incorrect")]
    private static partial Regex Incorrect();

    [GeneratedRegex(@"(?m)^\s*([0-9A-Za-z][0-9A-Za-z._+-]{0,31})\s*$")]
    private static partial Regex VersionLine();
}
