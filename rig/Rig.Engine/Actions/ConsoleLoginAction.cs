using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Rig.Expect;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>console-login: { list: FILE }</c> (CRED-06): tries each pair at the serial console's login
/// prompt, at the device's own pace (its pause after a failure is waited out, never cut short).
/// A login counts only when the shell echoes a random nonce back. Ends with found, none (every
/// pair refused), no-login (a shell answered without asking) or silent (no prompt at all).
/// </summary>
public sealed partial class ConsoleLoginAction(WordList list, TimeSpan stepTimeout) : IPlanAction
{
    public string Kind => "console-login";

    public string Describe => $"console-login ({list.Pairs.Count} pairs)";

    public IReadOnlyList<string> Results => ["found", "none", "no-login", "silent"];

    public IReadOnlyList<string> Sets => ["user", "password", "tried"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        using ConsoleTap tap = context.OpenConsoleTap();
        await ConsoleTyping.TypeAsync(context, "\r", ct).ConfigureAwait(false);
        ExpectHit? first = await tap.ExpectAsync([Login(), Shell()], stepTimeout, ct).ConfigureAwait(false);
        if (first is null)
        {
            return new ActionResult("silent", new Dictionary<string, string>());
        }

        if (first.PatternIndex == 1)
        {
            return new ActionResult("no-login", new Dictionary<string, string>());
        }

        int tried = 0;
        foreach ((string user, string password) in list.Pairs)
        {
            tried++;
            if (await TryAsync(context, tap, user, password, ct).ConfigureAwait(false))
            {
                await ConsoleTyping.TypeAsync(context, "exit\r", ct).ConfigureAwait(false); // leave no root shell open behind us
                return new ActionResult("found", new Dictionary<string, string>
                {
                    ["user"] = user,
                    ["password"] = password,
                    ["tried"] = tried.ToString(CultureInfo.InvariantCulture),
                });
            }
        }

        return new ActionResult("none", new Dictionary<string, string> { ["tried"] = tried.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>One pair, from a login prompt back to the next login prompt (or a proven shell).</summary>
    private async Task<bool> TryAsync(ActionContext context, ConsoleTap tap, string user, string password, CancellationToken ct)
    {
        tap.Flush();
        await ConsoleTyping.TypeAsync(context, user + "\r", ct).ConfigureAwait(false);
        ExpectHit? asked = await tap.ExpectAsync([Password(), Shell(), Login()], stepTimeout, ct).ConfigureAwait(false);
        if (asked?.PatternIndex == 0)
        {
            await ConsoleTyping.TypeAsync(context, password + "\r", ct).ConfigureAwait(false);
            // The device's pause after a failure (about 3 s on busybox) is part of the step.
            asked = await tap.ExpectAsync([Shell(), Login()], stepTimeout, ct).ConfigureAwait(false);
            if (asked?.PatternIndex == 0)
            {
                return await ProvenAsync(context, tap, ct).ConfigureAwait(false);
            }
        }
        else if (asked?.PatternIndex == 1)
        {
            return await ProvenAsync(context, tap, ct).ConfigureAwait(false);
        }

        if (asked is null)
        {
            // Lost track (a slow device, a lockout that stays silent): ask for a fresh prompt.
            await ConsoleTyping.TypeAsync(context, "\r", ct).ConfigureAwait(false);
            await tap.ExpectAsync([Login()], stepTimeout, ct).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>A prompt is not proof: the shell must run echo on a nonce split by quotes, which a mere echo of input cannot fake.</summary>
    private async Task<bool> ProvenAsync(ActionContext context, ConsoleTap tap, CancellationToken ct)
    {
        string a = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string b = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        tap.Flush();
        await ConsoleTyping.TypeAsync(context, $"echo {a}''{b}\r", ct).ConfigureAwait(false);
        return await tap.ExpectAsync([new Regex(Regex.Escape(a + b), RegexOptions.CultureInvariant)], stepTimeout, ct).ConfigureAwait(false) is not null;
    }

    [GeneratedRegex(ConsolePrompts.Login)]
    private static partial Regex Login();

    [GeneratedRegex(ConsolePrompts.Password)]
    private static partial Regex Password();

    [GeneratedRegex(ConsolePrompts.Shell)]
    private static partial Regex Shell();
}
