using System.Globalization;
using System.Security.Cryptography;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>What one password attempt showed: judged wrong, let in, or not judged at all (closed, refused, locked, silent).</summary>
internal enum GuessAnswer { Refused, Accepted, Unjudged }

/// <summary>One attempt's answer and a one-line status for the attempt log (never the password).</summary>
internal sealed record Guess(GuessAnswer Answer, string Status);

/// <summary>How a series of wrong passwords went: guesses judged, where the device stopped judging (if it did), and how.</summary>
/// <param name="Answered">False when the first attempt was not judged: no login answers there.</param>
/// <param name="Unconfirmed">Every wrong password was judged alike and no known password could tell a silent lockout from none.</param>
internal sealed record SeriesOutcome(bool Answered, int Judged, int? Onset, string Refusal, bool Unconfirmed = false);

/// <summary>
/// Wrong passwords for one account on one login, one attempt at a time, timed: a login that stops
/// judging (closes, refuses connections, answers otherwise), or whose answers slow down, throttles.
/// Many devices lock silently (the same "Login incorrect" while locked); where the lab's records
/// give the account's password, it is tried first (to prove it works there) and again after the
/// wrong ones: refused then, the login is locked. The password never reaches the log.
/// </summary>
internal static class GuessSeries
{
    /// <summary>Answers this much slower than the first (and at least a second more) count as throttling.</summary>
    private const double SlowerBy = 2.0;

    public static async Task<SeriesOutcome> RunAsync(
        Func<string, CancellationToken, Task<Guess>> attempt, int wrong, string? known, List<(long, string)> log, CancellationToken ct)
    {
        bool canConfirm = false;
        if (known is not null)
        {
            (Guess first, _) = await TimedAsync(attempt, known, "the lab's password (to prove it works here)", log, ct).ConfigureAwait(false);
            canConfirm = first.Answer == GuessAnswer.Accepted;
            if (first.Answer == GuessAnswer.Unjudged)
            {
                return new SeriesOutcome(false, 0, null, first.Status);
            }
        }

        int judged = 0;
        var took = new List<TimeSpan>();
        for (int i = 1; i <= wrong; i++)
        {
            (Guess guess, TimeSpan t) = await TimedAsync(attempt, WrongPassword(), $"#{i}", log, ct).ConfigureAwait(false);
            if (guess.Answer == GuessAnswer.Refused)
            {
                judged++;
                took.Add(t);
                continue;
            }

            if (judged == 0 && known is null)
            {
                return new SeriesOutcome(false, 0, null, guess.Status); // nothing judged a password here
            }

            // Let in with a wrong password is no throttle either; anything else: the device stopped judging guesses.
            return guess.Answer == GuessAnswer.Accepted
                ? new SeriesOutcome(true, judged, null, string.Empty)
                : new SeriesOutcome(true, judged, i, guess.Status);
        }

        if (took.Count >= 2 && took.FindIndex(t => t >= took[0] * SlowerBy && t - took[0] >= TimeSpan.FromSeconds(1)) is int slow and > 0)
        {
            return new SeriesOutcome(true, slow, slow + 1, $"answers slowed from {Seconds(took[0])} to {Seconds(took[slow])}");
        }

        if (!canConfirm)
        {
            log.Add((Monotonic.NowNs, known is null
                ? "no password on the lab's records for this account: a lockout that answers like a wrong password cannot be seen"
                : "the lab's password did not work here: a lockout that answers like a wrong password cannot be seen"));
            return new SeriesOutcome(true, judged, null, string.Empty, Unconfirmed: true);
        }

        (Guess check, _) = await TimedAsync(attempt, known!, $"the lab's password after {judged} wrong ones", log, ct).ConfigureAwait(false);
        return check.Answer switch
        {
            GuessAnswer.Accepted => new SeriesOutcome(true, judged, null, string.Empty),
            GuessAnswer.Refused => new SeriesOutcome(true, judged, judged + 1, $"the right password was refused after {judged} wrong ones: locked"),
            _ => new SeriesOutcome(true, judged, judged + 1, check.Status),
        };
    }

    /// <summary>After a lockout and the declared period: the login judges again (the lab's password, else a wrong one).</summary>
    public static async Task<string> RecoveryAsync(
        Func<string, CancellationToken, Task<Guess>> attempt, string? known, TimeSpan lockFor, TimeSpan maxWait, List<(long, string)> log, CancellationToken ct)
    {
        if (lockFor > maxWait)
        {
            return $"not checked (the declared {Seconds(lockFor)} exceeds the plan's wait of {Seconds(maxWait)})";
        }

        await Task.Delay(lockFor + TimeSpan.FromSeconds(0.5), ct).ConfigureAwait(false);
        (Guess guess, _) = await TimedAsync(attempt, known ?? WrongPassword(), $"after the declared {Seconds(lockFor)}", log, ct).ConfigureAwait(false);
        return known is null
            ? guess.Answer == GuessAnswer.Refused ? "yes" : $"no ({guess.Status})"
            : guess.Answer == GuessAnswer.Accepted ? "yes" : $"no ({guess.Status})";
    }

    public static string WrongPassword() => "rig-wrong-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static async Task<(Guess Guess, TimeSpan Took)> TimedAsync(
        Func<string, CancellationToken, Task<Guess>> attempt, string password, string label, List<(long, string)> log, CancellationToken ct)
    {
        long start = Monotonic.NowNs;
        Guess guess = await attempt(password, ct).ConfigureAwait(false);
        long end = Monotonic.NowNs;
        var took = TimeSpan.FromTicks((end - start) / 100);
        log.Add((end, $"{label}: {guess.Answer.ToString().ToLowerInvariant()} ({guess.Status}) in {took.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"));
        return (guess, took);
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}
