using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Rig.Protocols.Net;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>brute-force: { service: http, attempts: 20 }</c>: sends wrong passwords at line rate to the
/// device's declared HTTP login, timing each answer, and finds where a lockout starts (a refusal
/// other than 401, e.g. 403 or 429). Compares what it saw with the profile's declared protection,
/// and after a lockout waits the declared period to see the login come back. With
/// <c>service: telnet</c> each wrong password goes over a fresh connection, as a scanner's would;
/// a refusal is a connection closed or refused, or no login prompt, after logins were judged.
/// Results: bounded (guessing stops as declared), differs (a declared lockout did not happen as
/// declared), unbounded (nothing declared and nothing stops guessing), closed (no login answers).
/// </summary>
public sealed partial class BruteForceAction(string service, string user, int attempts, TimeSpan maxRecoveryWait, TimeSpan connectTimeout, TimeSpan stepTimeout) : IPlanAction
{
    public static readonly string[] Services = ["http", "telnet", "ssh", "ftp", "console"];

    public string Kind => "brute-force";

    public string Describe => $"brute-force {service} ({attempts} wrong passwords for {user})";

    public IReadOnlyList<string> Results => ["bounded", "differs", "unbounded", "closed"];

    public IReadOnlyList<string> Sets => ["port", "attempts", "onset", "rate", "declared", "recovered", "refusal", "guarded"];

    public int Attempts => attempts;

    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct) => service switch
    {
        "telnet" => RunTelnetAsync(context, ct),
        "ssh" => RunSshAsync(context, ct),
        "ftp" => RunFtpAsync(context, ct),
        "console" => RunConsoleAsync(context, ct),
        _ => RunHttpAsync(context, ct),
    };

    private async Task<ActionResult> RunHttpAsync(ActionContext context, CancellationToken ct)
    {
        if (await DeviceSighting.UnseenAsync(context, service, ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // a sweep of a device not yet (or never) seen would prove nothing
        }

        IPAddress address = context.Profile.Address; // the only address this action reaches
        (LoginProtection? declared, string declaredText) = Declared(context);
        var log = new List<(long, string)>();
        var answered = new List<int>();
        foreach (int port in context.Profile.PortsOf(service).Concat(HttpCredentialsAction.DefaultPorts).Distinct())
        {
            var endpoint = new IPEndPoint(address, port);
            HttpAnswer? first = await GetAsync(endpoint, null, ct).ConfigureAwait(false);
            HttpChallenge? challenge = first is null ? null : HttpCredentialsAction.Pick(first);
            if (first is not null)
            {
                answered.Add(port);
            }

            if (challenge is null)
            {
                continue; // nothing listens, or no login to guess at
            }

            long start = Monotonic.NowNs;
            log.Add((start, $"http {endpoint}: {attempts} wrong passwords for '{user}' ({(challenge.IsDigest ? "Digest " + challenge.Algorithm : challenge.Scheme)}); declared: {declaredText}"));
            int judged = 0;
            int? onset = null;
            string refusal = string.Empty;
            for (int i = 1; i <= attempts; i++)
            {
                string wrong = "rig-wrong-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                HttpAnswer? answer = await GetAsync(endpoint, HttpAuthorization.For(challenge, user, wrong, "/"), ct).ConfigureAwait(false);
                long at = Monotonic.NowNs;
                string status = answer is null ? "no answer" : answer.Outcome == HttpOutcome.Answered ? answer.Status.ToString(CultureInfo.InvariantCulture) : answer.Outcome.ToString();
                string took = answer is null ? "-" : $"{answer.ElapsedNs / 1e6:0.0} ms";
                log.Add((at, $"#{i} +{(at - start) / 1e6:0} ms: {status} in {took}{RetryAfter(answer)}"));
                if (answer is { Outcome: HttpOutcome.Answered, Status: 401 })
                {
                    judged++;
                    challenge = HttpCredentialsAction.Pick(answer) ?? challenge;
                    continue;
                }

                // Anything but a new challenge: the device stopped judging guesses (locked, rate-limited, or gone).
                onset = i;
                refusal = status;
                break;
            }

            string recovered = "not checked";
            if (onset is not null && declared is not null)
            {
                recovered = await RecoveryAsync(endpoint, challenge, declared.LockoutFor, log, ct).ConfigureAwait(false);
            }

            return Finish(context, Num(port), endpoint.ToString(), log, start, judged, onset, refusal, declared, declaredText, recovered);
        }

        return await DeviceSighting.JudgeAsync(context, service, answered, Closed(declaredText, context.Profile.PortsOf(service).Concat(HttpCredentialsAction.DefaultPorts)), ct).ConfigureAwait(false);
    }

    /// <summary>The verdict's variables and the attempt log's closing line, for any service.</summary>
    private ActionResult Finish(
        ActionContext context, string port, string where, List<(long, string)> log, long start, int judged, int? onset, string refusal,
        LoginProtection? declared, string declaredText, string recovered)
    {
        double elapsedS = Math.Max((Monotonic.NowNs - start) / 1e9, 1e-3);

        // Guesses per hour an attacker gets: with a lockout, the judged guesses per lockout period; without, the line rate seen.
        double rate = onset is not null
            ? judged * 3600.0 / Math.Max((declared?.LockoutFor ?? TimeSpan.FromSeconds(elapsedS)).TotalSeconds, 1e-3)
            : judged * 3600.0 / elapsedS;
        string result = Judge(declared, onset, judged);
        log.Add((Monotonic.NowNs, $"judged guesses {judged}; lockout onset: {(onset is null ? "none" : $"attempt {onset}")}; about {rate:0} guesses/hour; recovery: {recovered}; result: {result}"));
        ActionEvidence.Log(context, $"brute-force {service} {where}: attempt log", log);
        var variables = new Dictionary<string, string>
        {
            ["port"] = port,
            ["attempts"] = Num(judged + (onset is null ? 0 : 1)),
            ["onset"] = onset is null ? "none" : Num(onset.Value),
            ["rate"] = rate.ToString("0", CultureInfo.InvariantCulture),
            ["declared"] = declaredText,
            ["recovered"] = recovered,
            ["refusal"] = refusal,
        };
        if (result == "bounded")
        {
            // The logins seen to throttle so far in this plan run, for a verdict that covers them all.
            string before = context.Expand("{{guarded}}");
            string mine = $"the {service} login ({where}) refused guessing from attempt {onset} ({refusal}; recovered after the declared period: {recovered})";
            variables["guarded"] = before.StartsWith("<unset", StringComparison.Ordinal) ? mine : before + "; " + mine;
        }

        return new ActionResult(result, variables);
    }

    private (LoginProtection? Declared, string Text) Declared(ActionContext context)
    {
        LoginProtection? declared = context.Profile.ProtectionOf(service);
        return (declared, declared is null ? "none declared" : $"lockout after {declared.LockoutAfter} failures for {Seconds(declared.LockoutFor)}");
    }

    private static ActionResult Closed(string declaredText, IEnumerable<int> ports) => new("closed", new Dictionary<string, string>
    {
        ["declared"] = declaredText,
        ["port"] = string.Join(", ", ports.Distinct()),
    });

    /// <summary>Declared lockout after k failures: refusals must start by attempt k+1. No declaration: any stop counts as bounded.</summary>
    internal static string Judge(LoginProtection? declared, int? onset, int judged)
    {
        if (declared is not null)
        {
            return onset is not null && judged <= declared.LockoutAfter ? "bounded" : "differs";
        }

        return onset is not null ? "bounded" : "unbounded";
    }

    private async Task<string> RecoveryAsync(IPEndPoint endpoint, HttpChallenge challenge, TimeSpan lockFor, List<(long, string)> log, CancellationToken ct)
    {
        if (lockFor > maxRecoveryWait)
        {
            return $"not checked (the declared {Seconds(lockFor)} exceeds the plan's wait of {Seconds(maxRecoveryWait)})";
        }

        await Task.Delay(lockFor + TimeSpan.FromSeconds(0.5), ct).ConfigureAwait(false);
        HttpAnswer? answer = await GetAsync(endpoint, HttpAuthorization.For(challenge, user, "rig-wrong-recovery", "/"), ct).ConfigureAwait(false);
        string status = answer is { Outcome: HttpOutcome.Answered } ? answer.Status.ToString(CultureInfo.InvariantCulture) : "no answer";
        log.Add((Monotonic.NowNs, $"after the declared {Seconds(lockFor)}: {status}"));
        return answer is { Outcome: HttpOutcome.Answered, Status: 401 } ? "yes" : $"no (answer {status})";
    }

    private async Task<HttpAnswer?> GetAsync(IPEndPoint endpoint, string? authorization, CancellationToken ct)
    {
        try
        {
            return await HttpProbe.GetAsync(endpoint, "/", authorization, connectTimeout, stepTimeout, ct).ConfigureAwait(false);
        }
        catch (ServiceConnectException)
        {
            return null;
        }
    }

    private static string RetryAfter(HttpAnswer? answer) =>
        answer?.Values("Retry-After").FirstOrDefault() is { } v ? $", Retry-After {HttpProbe.Printable(v)}" : string.Empty;

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
