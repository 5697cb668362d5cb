using System.Net;
using Rig.Protocols.Net;
using Rig.Engine.Journal;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>Guessing over SSH: one wrong password per connection through the system's OpenSSH client, as CRED-02 logs in.</summary>
public sealed partial class BruteForceAction
{
    /// <summary>Where ssh is looked for; a test points it at a folder without one.</summary>
    public string? SearchPath { get; init; } = Environment.GetEnvironmentVariable("PATH");

    private async Task<ActionResult> RunSshAsync(ActionContext context, CancellationToken ct)
    {
        using OpenSshClient client = OpenSshClient.Find(SearchPath)
            ?? throw new RigFaultException("brute-force ssh: the OpenSSH client 'ssh' is not installed; install openssh-client (e.g. apt-get install openssh-client)");
        List<int> ports = SshCredentialsAction.PortsToTry(context, []);
        return await RunEachPortAsync(context, ports, endpoint => (password, ct) => SshGuessAsync(context, client, endpoint, password, ct), ct).ConfigureAwait(false);
    }

    private async Task<Guess> SshGuessAsync(ActionContext context, OpenSshClient client, IPEndPoint endpoint, string password, CancellationToken ct)
    {
        SshLoginResult result;
        try
        {
            result = await client.TryAsync(endpoint, user, password, connectTimeout, stepTimeout, ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RigFaultException($"brute-force ssh: cannot start the OpenSSH client: {e.Message}", e);
        }

        context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString(), SshUser = user, Outcome = result.Outcome.ToString().ToLowerInvariant() });
        return result.Outcome switch
        {
            SshLoginOutcome.Refused => new Guess(GuessAnswer.Refused, "permission denied"),
            SshLoginOutcome.Accepted or SshLoginOutcome.Unproven => new Guess(GuessAnswer.Accepted, "logged in"),
            SshLoginOutcome.Unreachable => new Guess(GuessAnswer.Unjudged, "connection refused or unreachable"),
            SshLoginOutcome.TimedOut => new Guess(GuessAnswer.Unjudged, "no answer in time"),
            _ => new Guess(GuessAnswer.Unjudged, $"no SSH login ({result.Detail})"),
        };
    }

    /// <summary>
    /// A series of wrong passwords on the first port of <paramref name="ports"/> whose login judges one, with one
    /// connection per attempt; "closed" when none does (standing only once the device was seen).
    /// </summary>
    private async Task<ActionResult> RunEachPortAsync(
        ActionContext context, IReadOnlyList<int> ports, Func<IPEndPoint, Func<string, CancellationToken, Task<Guess>>> attemptAt, CancellationToken ct)
    {
        if (await DeviceSighting.UnseenAsync(context, service, ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // guesses at a device not yet (or never) seen would prove nothing
        }

        IPAddress address = context.Profile.Address; // the only address this action reaches
        (LoginProtection? declared, string declaredText) = Declared(context);
        string? known = KnownPassword(context);
        int wrong = known is not null && declared is not null ? Math.Min(attempts, declared.LockoutAfter) : attempts;
        foreach (int port in ports)
        {
            var endpoint = new IPEndPoint(address, port);
            Func<string, CancellationToken, Task<Guess>> attempt = attemptAt(endpoint);
            var log = new List<(long, string)>();
            long start = Monotonic.NowNs;
            log.Add((start, $"{service} {endpoint}: {wrong} wrong passwords for '{user}', one connection each; declared: {declaredText}"));
            SeriesOutcome series = await GuessSeries.RunAsync(attempt, wrong, known, log, ct).ConfigureAwait(false);
            if (!series.Answered)
            {
                continue; // nothing listens here, or no login judged a password
            }

            if (Unconfirmed(context, series, declared, declaredText, $"{service} login on {endpoint}") is { } unconfirmed)
            {
                return unconfirmed;
            }

            string recovered = series.Onset is not null && declared is not null
                ? await GuessSeries.RecoveryAsync(attempt, known, declared.LockoutFor, maxRecoveryWait, log, ct).ConfigureAwait(false)
                : "not checked";
            return Finish(context, Num(port), endpoint.ToString(), log, start, series.Judged, series.Onset, series.Refusal, declared, declaredText, recovered);
        }

        return await DeviceSighting.JudgeAsync(context, service, [], Closed(declaredText, ports), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Unobserved when a declared lockout could not be seen either way: every wrong password was judged
    /// alike, and with no known password a lockout that answers like a wrong password looks the same.
    /// </summary>
    private ActionResult? Unconfirmed(ActionContext context, SeriesOutcome series, LoginProtection? declared, string declaredText, string what) =>
        series.Unconfirmed && declared is not null
            ? DeviceSighting.Unobserved(context, "differs",
                $"the {what} judged all {series.Judged} wrong passwords alike; the declared {declaredText} may answer like a wrong password, which only the account's password from the lab's records (the unit's label) can tell")
            : null;

    /// <summary>The account's password from the lab's records (the unit's label), when the guesses are for the account it belongs to.</summary>
    private string? KnownPassword(ActionContext context) =>
        user == (context.Profile.Update?.LoginUser ?? "root") ? context.Unit.ConsolePassword : null;
}
