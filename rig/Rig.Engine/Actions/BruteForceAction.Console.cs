using System.Text.RegularExpressions;
using Rig.Expect;
using Rig.Engine.Engine;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>Guessing at the serial console's login prompt, at the device's own pace (its pause after a failure is waited out).</summary>
public sealed partial class BruteForceAction
{
    private async Task<ActionResult> RunConsoleAsync(ActionContext context, CancellationToken ct)
    {
        (LoginProtection? declared, string declaredText) = Declared(context);
        using ConsoleTap tap = context.OpenConsoleTap();
        await ConsoleTyping.TypeAsync(context, "\r", ct).ConfigureAwait(false);
        ExpectHit? first = await tap.ExpectAsync([LoginPrompt(), ShellPrompt()], stepTimeout, ct).ConfigureAwait(false);
        if (first is null && declared is not null)
        {
            return DeviceSighting.Unobserved(context, "closed", $"the profile declares a console login lockout ({declaredText}) but no login prompt came on the console");
        }

        if (first is null || first.PatternIndex == 1)
        {
            // No login asked on the console (a shell, or nothing): no console login to guess at; UART-01 judges an open shell.
            return new ActionResult("closed", new Dictionary<string, string> { ["declared"] = declaredText, ["port"] = "console" });
        }

        string? known = KnownPassword(context);
        int wrong = known is not null && declared is not null ? Math.Min(attempts, declared.LockoutAfter) : attempts;
        var log = new List<(long, string)>();
        long start = Monotonic.NowNs;
        log.Add((start, $"console: {wrong} wrong passwords for '{user}' at the login prompt; declared: {declaredText}"));
        Func<string, CancellationToken, Task<Guess>> attempt = (password, ct) => ConsoleGuessAsync(context, tap, password, password == known, ct);
        SeriesOutcome series = await GuessSeries.RunAsync(attempt, wrong, known, log, ct).ConfigureAwait(false);
        if (!series.Answered)
        {
            return DeviceSighting.Unobserved(context, "closed", $"the console login prompt judged no password ({series.Refusal})");
        }

        if (Unconfirmed(context, series, declared, declaredText, "console login") is { } unconfirmed)
        {
            return unconfirmed;
        }

        string recovered = series.Onset is not null && declared is not null
            ? await GuessSeries.RecoveryAsync(attempt, known, declared.LockoutFor, maxRecoveryWait, log, ct).ConfigureAwait(false)
            : "not checked";
        return Finish(context, "console", "serial console", log, start, series.Judged, series.Onset, series.Refusal, declared, declaredText, recovered);
    }

    /// <summary>One password, from a login prompt back to the next login prompt; a shell is left at once.</summary>
    private async Task<Guess> ConsoleGuessAsync(ActionContext context, ConsoleTap tap, string password, bool secret, CancellationToken ct)
    {
        tap.Flush();
        await ConsoleTyping.TypeAsync(context, user + "\r", ct).ConfigureAwait(false);
        ExpectHit? asked = await tap.ExpectAsync([PasswordPrompt(), ShellPrompt(), LoginPrompt()], stepTimeout, ct).ConfigureAwait(false);
        if (asked?.PatternIndex != 0)
        {
            if (asked?.PatternIndex == 1)
            {
                await LeaveShellAsync(context, tap, ct).ConfigureAwait(false);
                return new Guess(GuessAnswer.Accepted, "a shell without a password");
            }

            await RePromptAsync(context, tap, asked is null, ct).ConfigureAwait(false);
            return new Guess(GuessAnswer.Unjudged, asked is null ? "no password prompt" : "the login prompt again without a password prompt");
        }

        await ConsoleTyping.TypeSecretAsync(context, password + "\r", secret, ct).ConfigureAwait(false);
        // The device's pause after a failure is part of the step.
        ExpectHit? judged = await tap.ExpectAsync([ShellPrompt(), LoginPrompt()], stepTimeout, ct).ConfigureAwait(false);
        if (judged?.PatternIndex == 0)
        {
            await LeaveShellAsync(context, tap, ct).ConfigureAwait(false);
            return new Guess(GuessAnswer.Accepted, "a shell prompt");
        }

        if (judged is null)
        {
            await RePromptAsync(context, tap, true, ct).ConfigureAwait(false);
            return new Guess(GuessAnswer.Unjudged, "no answer to the password");
        }

        return new Guess(GuessAnswer.Refused, "login prompt again");
    }

    /// <summary>Leaves no shell open behind the guesses, and waits for the login prompt to come back.</summary>
    private async Task LeaveShellAsync(ActionContext context, ConsoleTap tap, CancellationToken ct)
    {
        tap.Flush();
        await ConsoleTyping.TypeAsync(context, "exit\r", ct).ConfigureAwait(false);
        await tap.ExpectAsync([LoginPrompt()], stepTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Lost track (a slow device, a prompt that did not come): asks for a fresh login prompt.</summary>
    private async Task RePromptAsync(ActionContext context, ConsoleTap tap, bool needed, CancellationToken ct)
    {
        if (needed)
        {
            tap.Flush();
            await ConsoleTyping.TypeAsync(context, "\r", ct).ConfigureAwait(false);
            await tap.ExpectAsync([LoginPrompt()], stepTimeout, ct).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(ConsolePrompts.Login)]
    private static partial Regex LoginPrompt();

    [GeneratedRegex(ConsolePrompts.Password)]
    private static partial Regex PasswordPrompt();

    [GeneratedRegex(ConsolePrompts.Shell)]
    private static partial Regex ShellPrompt();
}
