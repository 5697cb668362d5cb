using Rig.Engine.Journal;
using System.Net;
using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>http-credentials: { list: FILE }</c>: on each HTTP port of the device (the plan's, else the
/// profile's declared ones plus 80 and 8080) finds a 401 Basic or Digest challenge and tries every
/// pair of the list against it. Ends with found (a pair was let in), none (ports answered, no
/// pair worked) or closed (no HTTP service answers).
/// </summary>
public sealed class HttpCredentialsAction(WordList list, IReadOnlyList<int> ports, string path, TimeSpan connectTimeout, TimeSpan stepTimeout) : IPlanAction
{
    public static readonly int[] DefaultPorts = [80, 8080];

    public string Kind => "http-credentials";

    public string Describe => $"http-credentials {path} ({list.Pairs.Count} pairs)";

    public IReadOnlyList<string> Results => ["found", "none", "closed"];

    public IReadOnlyList<string> Sets => ["user", "password", "port", "ports", "tried", "scheme", "realm", "unprotected"];

    public WordList List => list;

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        if (await DeviceSighting.UnseenAsync(context, "http", ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // a sweep of a device not yet (or never) seen would prove nothing
        }

        // Plans name no hosts: the profile's address is the only one this action reaches.
        IPAddress address = context.Profile.Address;
        List<int> toTry = ports.Count > 0 ? [.. ports] : context.Profile.PortsOf("http").Concat(DefaultPorts).Distinct().ToList();
        var answered = new List<int>();
        var unprotected = new List<int>();
        int tried = 0;
        HttpAnswer? last = null;
        foreach (int port in toTry)
        {
            var endpoint = new IPEndPoint(address, port);
            HttpAnswer? first = await GetAsync(context, endpoint, null, ct).ConfigureAwait(false);
            if (first is null)
            {
                continue;
            }

            answered.Add(port);
            HttpChallenge? challenge = Pick(first);
            if (challenge is null)
            {
                if (first.Status is >= 200 and < 300)
                {
                    unprotected.Add(port); // no login at all: AUTH-02's business, noted here
                }

                continue;
            }

            foreach ((string user, string password) in list.Pairs)
            {
                HttpAnswer? answer = await GetAsync(context, endpoint, HttpAuthorization.For(challenge, user, password, path), ct).ConfigureAwait(false);
                if (answer is null || answer.Outcome != HttpOutcome.Answered)
                {
                    break; // the service went away or stopped speaking HTTP
                }

                tried++;
                last = answer;
                if (answer.Status is >= 200 and < 300)
                {
                    ActionEvidence.Session(context, $"http {address}:{port}{path}: {challenge.Scheme} login as {user}", answer.Transcript);
                    return SweepResults.Found(user, password, port, tried, answered,
                        ("scheme", challenge.IsDigest ? $"Digest {challenge.Algorithm}" : challenge.Scheme),
                        ("realm", HttpProbe.Printable(challenge.Realm ?? string.Empty)),
                        ("unprotected", string.Join(", ", unprotected)));
                }

                if (answer.Status != 401)
                {
                    break; // locked out or refused outright: more guesses say nothing
                }

                // A Digest server sends a fresh nonce with every 401; answer that one next.
                challenge = Pick(answer) ?? challenge;
            }
        }

        if (answered.Count == 0)
        {
            return await DeviceSighting.JudgeAsync(context, "http", answered, SweepResults.Closed(toTry), ct).ConfigureAwait(false);
        }

        if (last is not null)
        {
            ActionEvidence.Session(context, $"http {address}: last attempt of the sweep (status {last.Status})", last.Transcript);
        }

        return await DeviceSighting.JudgeAsync(context, "http", answered, SweepResults.None(tried, answered, ("unprotected", string.Join(", ", unprotected))), ct).ConfigureAwait(false);
    }

    /// <summary>The strongest challenge the rig can answer: Digest SHA-256, then Digest MD5, then Basic.</summary>
    internal static HttpChallenge? Pick(HttpAnswer answer)
    {
        if (answer.Status != 401)
        {
            return null;
        }

        List<HttpChallenge> usable = HttpChallenge.Parse(answer.Values("WWW-Authenticate")).Where(HttpAuthorization.CanAnswer).ToList();
        return usable.FirstOrDefault(c => c.IsDigest && c.Algorithm == "SHA-256")
            ?? usable.FirstOrDefault(c => c.IsDigest)
            ?? usable.FirstOrDefault(c => c.IsBasic);
    }

    /// <summary>One GET; null when nothing listens (or no HTTP answer came), which the journal records.</summary>
    private async Task<HttpAnswer?> GetAsync(ActionContext context, IPEndPoint endpoint, string? authorization, CancellationToken ct)
    {
        try
        {
            HttpAnswer answer = await HttpProbe.GetAsync(endpoint, path, authorization, connectTimeout, stepTimeout, ct).ConfigureAwait(false);
            if (answer.Outcome != HttpOutcome.Answered)
            {
                context.Journal.Append(new NetEvent(context.PlanId) { Http = endpoint.ToString(), Failed = answer.Detail });
                return authorization is null ? null : answer;
            }

            return answer;
        }
        catch (ServiceConnectException e)
        {
            context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString(), Failed = e.Message });
            return null;
        }
    }
}
