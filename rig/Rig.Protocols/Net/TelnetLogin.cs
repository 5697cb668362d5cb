using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Rig.Expect;

namespace Rig.Protocols.Net;

/// <summary>
/// One login attempt over telnet, classified from the device's prompts. A shell prompt alone is
/// not trusted (hydra's telnet module credits wrong passwords that way): acceptance needs the
/// shell to run <c>echo</c> on a random nonce.
/// </summary>
public static class TelnetLogin
{
    /// <summary>Tries <paramref name="user"/>/<paramref name="password"/> on an open session.</summary>
    /// <remarks>
    /// Call again on the same session for the next pair while the device keeps it open; the
    /// transcript in each result is the whole session so far.
    /// </remarks>
    public static async Task<TelnetLoginResult> TryAsync(
        TelnetClient client, string user, string password, TelnetLoginOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        TelnetLoginOptions o = options ?? new TelnetLoginOptions();
        try
        {
            return await AttemptAsync(client, user, password, o, ct).ConfigureAwait(false);
        }
        catch (TelnetClosedException e)
        {
            return Result(client, TelnetLoginOutcome.Closed, e.Message);
        }
    }

    /// <summary>Connects, tries one pair, and closes; a refused or unreachable port is an outcome, not an exception.</summary>
    public static async Task<TelnetLoginResult> TryAsync(
        IPEndPoint endpoint, string user, string password, TelnetLoginOptions? options, CancellationToken ct)
    {
        TelnetLoginOptions o = options ?? new TelnetLoginOptions();
        TelnetClient client;
        try
        {
            client = await TelnetClient.ConnectAsync(endpoint, o.ConnectTimeout, ct).ConfigureAwait(false);
        }
        catch (TelnetConnectException e)
        {
            TelnetLoginOutcome outcome = e.Failure == ConnectFailure.Refused ? TelnetLoginOutcome.Refused : TelnetLoginOutcome.Unreachable;
            return new TelnetLoginResult(outcome, e.Message, null, []);
        }

        await using (client.ConfigureAwait(false))
        {
            return await TryAsync(client, user, password, o, ct).ConfigureAwait(false);
        }
    }

    private static async Task<TelnetLoginResult> AttemptAsync(
        TelnetClient client, string user, string password, TelnetLoginOptions o, CancellationToken ct)
    {
        ExpectHit? first = await client.ExpectAsync([o.LoginPrompt, o.PasswordPrompt, o.ShellPrompt], o.PromptTimeout, ct).ConfigureAwait(false);
        if (first is null)
        {
            return client.IsClosed
                ? Result(client, TelnetLoginOutcome.Closed, $"closed before any prompt ({client.CloseReason})")
                : Result(client, TelnetLoginOutcome.NoPrompt, $"no login, password or shell prompt within {Seconds(o.PromptTimeout)}");
        }

        if (first.PatternIndex == 2)
        {
            return await ConfirmAsync(client, o, TelnetLoginOutcome.AcceptedWithoutLogin, "a shell without any login", ct).ConfigureAwait(false);
        }

        if (first.PatternIndex == 0)
        {
            await client.SendLineAsync(user, ct).ConfigureAwait(false);
            ExpectHit? afterUser = await client.ExpectAsync(
                [o.PasswordPrompt, o.ShellPrompt, o.Rejection, o.LoginPrompt], o.ResponseTimeout, ct).ConfigureAwait(false);
            if (afterUser is null)
            {
                return client.IsClosed
                    ? Result(client, TelnetLoginOutcome.Closed, $"closed after the user name ({client.CloseReason})")
                    : Result(client, TelnetLoginOutcome.NoPrompt, $"no password prompt within {Seconds(o.ResponseTimeout)} after the user name");
            }

            switch (afterUser.PatternIndex)
            {
                case 1:
                    return await ConfirmAsync(client, o, TelnetLoginOutcome.Accepted, "a shell after the user name alone", ct).ConfigureAwait(false);
                case 2:
                case 3:
                    return Result(client, TelnetLoginOutcome.Rejected, $"refused after the user name: {Quote(afterUser.Text)}");
            }
        }

        await client.SendLineAsync(password, ct).ConfigureAwait(false);
        ExpectHit? answer = await client.ExpectAsync(
            [o.Rejection, o.LoginPrompt, o.PasswordPrompt, o.ShellPrompt], o.ResponseTimeout, ct).ConfigureAwait(false);
        if (answer is null)
        {
            return client.IsClosed
                ? Result(client, TelnetLoginOutcome.Closed, $"closed after the password ({client.CloseReason})")
                : Result(client, TelnetLoginOutcome.Unconfirmed, $"no answer within {Seconds(o.ResponseTimeout)} after the password");
        }

        return answer.PatternIndex == 3
            ? await ConfirmAsync(client, o, TelnetLoginOutcome.Accepted, "a shell after the password", ct).ConfigureAwait(false)
            : Result(client, TelnetLoginOutcome.Rejected, $"refused: {Quote(answer.Text)}");
    }

    /// <summary>Proves a shell: it must join a quoted-apart nonce, which an echoing prompt or a fake banner cannot.</summary>
    private static async Task<TelnetLoginResult> ConfirmAsync(
        TelnetClient client, TelnetLoginOptions o, TelnetLoginOutcome success, string what, CancellationToken ct)
    {
        string a = RandomNumberGenerator.GetHexString(8, lowercase: true);
        string b = RandomNumberGenerator.GetHexString(8, lowercase: true);
        await client.SendLineAsync($"echo {a}''{b}", ct).ConfigureAwait(false);
        var proof = new Regex($"(?m)^{a}{b}\r?$", RegexOptions.CultureInvariant);
        ExpectHit? hit = await client.ExpectAsync([proof], o.ConfirmTimeout, ct).ConfigureAwait(false);
        if (hit is not null)
        {
            return Result(client, success, $"{what}; it echoed nonce {a}{b}", hit.Text.TrimEnd('\r'));
        }

        return client.IsClosed
            ? Result(client, TelnetLoginOutcome.Closed, $"{what} seemed to appear, then the device closed ({client.CloseReason})")
            : Result(client, TelnetLoginOutcome.Unconfirmed, $"{what} seemed to appear, but it did not echo nonce {a}{b} within {Seconds(o.ConfirmTimeout)}");
    }

    private static TelnetLoginResult Result(TelnetClient client, TelnetLoginOutcome outcome, string detail, string? proof = null) =>
        new(outcome, $"telnet {client.RemoteEndPoint}: {detail}", proof, client.Transcript.Snapshot());

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.###} s";

    /// <summary>Device text in a one-line message: control characters shown as escapes, length capped.</summary>
    private static string Quote(string deviceText)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (char c in deviceText.Length > 80 ? deviceText[..80] : deviceText)
        {
            sb.Append(c is < ' ' or (>= '\x7f' and < '\xa0') ? $"\\x{(int)c:x2}" : c.ToString());
        }

        return sb.Append('"').ToString();
    }
}
