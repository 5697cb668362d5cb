using System.Globalization;
using System.Net;
using Rig.Engine.Journal;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>presence: { service: telnet }</c>: is a telnet service there? Looks at the profile's declared
/// telnet ports and Mirai's 23 and 2323 (or the plan's ports) and counts a port open only when it
/// answers like telnet (a negotiation or a login/banner text) within the wait. A refusal, or an
/// accept closed with no byte (a port forwarder with nothing behind it), is closed. A port that
/// accepts and stays silent proves neither: with no telnet answer elsewhere the action ends
/// unobserved with that reason. Results: open, closed (which stands only once the device was seen).
/// </summary>
public sealed class PresenceAction(string service, IReadOnlyList<int> ports, TimeSpan connectTimeout, TimeSpan wait) : IPlanAction
{
    public static readonly string[] Services = ["telnet"];

    public string Kind => "presence";

    public string Describe => $"presence of {service} (answers like {service} within {wait.TotalSeconds:0.#} s)";

    public IReadOnlyList<string> Results => ["open", "closed"];

    public IReadOnlyList<string> Sets => ["open", "looked"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        IPAddress address = context.Profile.Address; // the only address this action reaches
        List<int> tried = PortsToTry(context);
        HashSet<int> declared = context.Profile.PortsOf(service).ToHashSet();
        // Within the boot time the profile declares, look again while a port is silent (a forwarder whose device is still
        // booting holds the connection) or a declared port does not answer yet; a telnet answer ends the wait at once.
        long deadline = Environment.TickCount64 + (long)Math.Max(context.Profile.BootTime.TotalMilliseconds, wait.TotalMilliseconds);
        IReadOnlyList<ServiceAnswer> looks;
        while (true)
        {
            looks = await ServiceLook.LookAllAsync(address, tried, connectTimeout, wait, ct).ConfigureAwait(false);
            bool settled = looks.Any(l => l.IsTelnet)
                || looks.All(l => l.State != ServiceState.Silent && (l.State == ServiceState.Spoke || !declared.Contains(l.Endpoint.Port)));
            if (settled || Environment.TickCount64 >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
        }

        var log = new List<(long, string)>();
        foreach (ServiceAnswer look in looks)
        {
            log.Add((look.MonoNs, $"{service} {look.Endpoint}: {look.Describe(wait)}"));
            if (look.First.Length > 0)
            {
                string title = $"{service} {look.Endpoint}: what it sent first";
                context.Journal.Append(new TranscriptEvent(context.PlanId, title, TranscriptEvent.Received, look.First), look.MonoNs);
                context.AddEvidence(new EvidenceTranscript(title, [new TranscriptLine(look.MonoNs, false, look.First)]));
            }
        }

        ActionEvidence.Log(context, $"presence of {service} on {address}", log);
        var vars = new Dictionary<string, string>
        {
            ["open"] = string.Join(", ", looks.Where(l => l.IsTelnet).Select(l => Num(l.Endpoint.Port))),
            ["looked"] = string.Join("; ", looks.Select(l => $"{Num(l.Endpoint.Port)}: {l.Describe(wait)}")),
        };
        if (looks.Any(l => l.IsTelnet))
        {
            return new ActionResult("open", vars);
        }

        if (looks.FirstOrDefault(l => l.State == ServiceState.Silent) is { } silent)
        {
            string because = $"{service} on {silent.Endpoint} accepted and stayed silent for {wait.TotalSeconds:0.#} s: neither a {service} answer nor a closed port";
            return DeviceSighting.Unobserved(context, "closed", because);
        }

        // Nothing answers like the service: "closed" stands only if the device itself was seen.
        var answered = looks.Where(l => l.State == ServiceState.Spoke).Select(l => l.Endpoint.Port).ToList();
        return await DeviceSighting.JudgeAsync(context, null, answered, new ActionResult("closed", vars), ct).ConfigureAwait(false);
    }

    /// <summary>The plan's ports, else the profile's declared ones first, then Mirai's 23 and 2323.</summary>
    private List<int> PortsToTry(ActionContext context) =>
        ports.Count > 0 ? ports.ToList() : context.Profile.PortsOf(service).Concat(CredentialsAction.TelnetDefaultPorts).Distinct().ToList();

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
