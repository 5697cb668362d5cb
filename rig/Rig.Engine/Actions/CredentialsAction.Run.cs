using Rig.Engine.Journal;
using System.Globalization;
using System.Net;
using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

public sealed partial class CredentialsAction
{
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        if (await DeviceSighting.UnseenAsync(context, service, ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // a sweep of a device not yet (or never) seen would prove nothing
        }

        // The only address this action can reach is the one the profile declares: plans name no hosts.
        IPAddress address = context.Profile.Address;
        TelnetLoginOptions options = LoginOptions(connectTimeout, stepTimeout);
        var answered = new List<int>();
        int tried = 0;
        TelnetLoginResult? last = null;
        string? silent = null;
        foreach (int port in PortsToTry(context))
        {
            var endpoint = new IPEndPoint(address, port);
            var sweep = new TelnetPortSweep(endpoint, options, Sessions(context, port), (ep, failed) => JournalConnect(context, ep, failed));
            TelnetSweepResult result = await sweep.RunAsync(list.Pairs, ct).ConfigureAwait(false);
            if (!result.Answered)
            {
                // Nothing listens, or it accepted and closed with no login (a forwarder with nothing behind it); silence proves neither.
                silent ??= result.Silent ? $"telnet on {endpoint} accepted connections and stayed silent: neither a login nor a closed port" : null;
                continue;
            }

            answered.Add(port);
            tried += result.Tried;
            last = result.Last ?? last;
            ActionEvidence.Log(context, $"telnet {address}:{port}: every pair tried ({result.Tried})", result.AttemptLog());
            if (result.Hit is { } hit)
            {
                ActionEvidence.Session(context, $"telnet {address}:{port}: login as {Shown(hit.User)}", hit.Login.Transcript);
                bool asked = hit.Login.Outcome == TelnetLoginOutcome.Accepted;
                return new ActionResult("found", new Dictionary<string, string>
                {
                    ["user"] = asked ? hit.User : "(no login asked)",
                    ["password"] = asked ? hit.Password : string.Empty,
                    ["port"] = Num(port),
                    ["tried"] = Num(tried),
                    ["ports"] = string.Join(", ", answered),
                });
            }
        }

        if (answered.Count == 0 && silent is not null)
        {
            return DeviceSighting.Unobserved(context, "closed", silent);
        }

        if (answered.Count == 0)
        {
            return await DeviceSighting.JudgeAsync(context, service, answered, SweepResults.Closed(PortsToTry(context)), ct).ConfigureAwait(false);
        }

        if (last is not null)
        {
            ActionEvidence.Session(context, $"telnet {address}: last session of the sweep", last.Transcript);
        }

        return await DeviceSighting.JudgeAsync(context, service, answered, SweepResults.None(tried, answered), ct).ConfigureAwait(false);
    }

    /// <summary>The login options of a sweep: every wait but the nonce's is the step timeout, which must outlast the device's failure pause.</summary>
    public static TelnetLoginOptions LoginOptions(TimeSpan connectTimeout, TimeSpan stepTimeout) => new()
    {
        ConnectTimeout = connectTimeout,
        PromptTimeout = stepTimeout,
        ResponseTimeout = stepTimeout,
    };

    /// <summary>
    /// Sessions at once on <paramref name="port"/>: what the plan asks, bounded by the concurrent
    /// logins the profile declares for the service there (one where it declares none: a device
    /// nobody vouched for may fall over or lock out under parallel logins).
    /// </summary>
    private int Sessions(ActionContext context, int port)
    {
        int declared = context.Profile.ConcurrentLoginsOf(service, port);
        int sessions = Math.Min(parallel, declared);
        if (parallel > 1)
        {
            context.Journal.Append(new NetEvent(context.PlanId)
            {
                Sweep = $"{context.Profile.Address}:{port}",
                Parallel = sessions,
                Because = sessions < parallel
                    ? $"the plan asks for {parallel} sessions, the profile declares {declared} concurrent login(s) for {service} on port {port}"
                    : $"the plan asks for {parallel} sessions",
            });
        }

        return sessions;
    }

    private static void JournalConnect(ActionContext context, IPEndPoint endpoint, string? failed) =>
        context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString(), Failed = failed });

    /// <summary>The plan's ports, else the profile's declared ones first, then Mirai's 23 and 2323.</summary>
    private List<int> PortsToTry(ActionContext context) =>
        ports.Count > 0 ? ports.ToList() : context.Profile.PortsOf(service).Concat(TelnetDefaultPorts).Distinct().ToList();

    private static string Shown(string user) => user.Length == 0 ? "(empty user)" : user;

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
