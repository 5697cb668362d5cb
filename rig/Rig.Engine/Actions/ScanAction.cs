using Rig.Engine.Journal;
using System.Globalization;
using Rig.Protocols.Net;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>scan: { ports: all }</c> or <c>scan: { list: FILE }</c>: a TCP connect scan of the device's
/// declared address only, compared with the services its profile declares. Ends with undeclared
/// (some open port is not declared), declared (everything open is declared) or closed (nothing open).
/// </summary>
/// <param name="ranges">Port ranges named by the plan (or read from its list file).</param>
/// <param name="services">Service names whose declared ports are probed too (e.g. telnet).</param>
public sealed class ScanAction(IReadOnlyList<(int From, int To)> ranges, IReadOnlyList<string> services, string? listName, int udpSkipped, ScanLimits limits) : IPlanAction
{
    private readonly TcpScanOptions options = new()
    {
        ConnectTimeout = limits.ConnectTimeout,
        BannerWait = limits.BannerWait,
        Concurrency = limits.Concurrency,
        TotalLimit = limits.TotalLimit,
    };

    public string Kind => "scan";

    public string Describe => listName is null ? $"scan tcp {Shown(ranges, services)}" : $"scan tcp ports of {listName}";

    public IReadOnlyList<string> Results => ["undeclared", "declared", "closed"];

    public IReadOnlyList<string> Sets => ["open", "undeclared", "declared_open", "probed", "udp_skipped", "closed_at_once"];

    /// <summary>The ports this scan probes on <paramref name="profile"/>'s device, ascending.</summary>
    public IReadOnlyList<int> PortsFor(DeviceProfile profile)
    {
        var set = new SortedSet<int>();
        foreach ((int from, int to) in ranges)
        {
            for (int p = from; p <= to; p++)
            {
                set.Add(p);
            }
        }

        foreach (string s in services)
        {
            set.UnionWith(profile.Services.Where(d => d.Name == s && d.Protocol == "tcp").Select(d => d.Port));
        }

        return set.ToList();
    }

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        // Give the device's services the time its profile declares to come up; the scan's own answers decide afterwards.
        await DeviceSighting.SightAsync(context, null, ct).ConfigureAwait(false);
        DeviceProfile profile = context.Profile;
        IReadOnlyList<int> ports = PortsFor(profile);
        // The only address this action can reach is the one the profile declares: plans name no hosts.
        TcpScanResult result = await TcpScanner.ScanAsync(profile.Address, ports, options, ct).ConfigureAwait(false);
        if (!result.Complete)
        {
            throw new RigFaultException($"scan of {profile.Address}: not finished within {options.TotalLimit.TotalSeconds:0} s ({result.Probed} of {ports.Count} ports probed)");
        }

        // Behind a port forwarder every forwarded port accepts; one that closed with no byte has nothing behind it.
        List<OpenPort> closedAtOnce = await ClosedAtOnceAsync(context, result.Open, ct).ConfigureAwait(false);
        result = result with { Open = result.Open.Except(closedAtOnce).ToList() };
        var declared = profile.Services.Where(s => s.Protocol == "tcp").ToLookup(s => s.Port);
        // A virtual device on loopback shares its ports with the host: what the host listens on for
        // every address answers at the device's address too, and is not the device's.
        IReadOnlySet<int> host = System.Net.IPAddress.IsLoopback(profile.Address) ? HostListeners.WildcardPorts() : new HashSet<int>();
        var hostOnly = result.Open.Where(o => host.Contains(o.Port) && !declared.Contains(o.Port)).ToList();
        result = result with { Open = result.Open.Except(hostOnly).ToList() };
        var undeclared = result.Open.Where(o => !declared.Contains(o.Port)).ToList();
        var declaredOpen = result.Open.Where(o => declared.Contains(o.Port)).ToList();
        context.Journal.Append(new ScanEvent(
            context.PlanId,
            profile.Address.ToString(),
            result.Probed,
            string.Join(",", result.Open.Select(o => Num(o.Port))),
            string.Join(",", undeclared.Select(o => Num(o.Port))),
            result.Filtered.Count,
            string.Join(",", hostOnly.Select(o => Num(o.Port)))));
        foreach (OpenPort open in result.Open)
        {
            string what = declared.Contains(open.Port)
                ? $"declared as {string.Join(", ", declared[open.Port].Select(d => d.Name))}"
                : "not declared in the profile";
            Record(context, $"tcp {profile.Address}:{Num(open.Port)} open ({what}); what it sent first", open);
        }

        var vars = new Dictionary<string, string>
        {
            ["open"] = List(result.Open.Select(o => Num(o.Port))),
            ["undeclared"] = List(undeclared.Select(o => $"{Num(o.Port)}/tcp{BannerHint(o.Banner)}")),
            ["declared_open"] = List(declaredOpen.Select(o => $"{Num(o.Port)}/tcp ({string.Join(", ", declared[o.Port].Select(d => d.Name))})")),
            ["probed"] = Num(result.Probed),
            ["udp_skipped"] = Num(udpSkipped),
            ["closed_at_once"] = List(closedAtOnce.Select(o => Num(o.Port))),
        };
        string name = undeclared.Count > 0 ? "undeclared" : result.Open.Count > 0 ? "declared" : "closed";
        // An undeclared open port is a finding however little else answered; anything less needs the device seen.
        return name == "undeclared" ? new ActionResult(name, vars)
            : await DeviceSighting.JudgeAsync(context, null, result.Open.Select(o => o.Port).ToList(), new ActionResult(name, vars), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The silent open ports that, looked at again, accept and close with no byte: a port forwarder
    /// (QEMU user networking, a NAT box) with no service behind it. Logged as evidence, not counted open.
    /// </summary>
    private async Task<List<OpenPort>> ClosedAtOnceAsync(ActionContext context, IReadOnlyList<OpenPort> open, CancellationToken ct)
    {
        List<OpenPort> silent = open.Where(o => o.Banner.Length == 0).ToList();
        if (silent.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ServiceAnswer> looks = await ServiceLook.LookAllAsync(context.Profile.Address, silent.Select(o => o.Port), options.ConnectTimeout, options.BannerWait, ct).ConfigureAwait(false);
        var closed = looks.Where(l => l.State == ServiceState.ClosedAtOnce).ToList();
        if (closed.Count > 0)
        {
            ActionEvidence.Log(context, $"tcp {context.Profile.Address}: ports that accepted and closed with no byte (not counted open)",
                closed.Select(l => (l.MonoNs, $"{l.Endpoint}: {l.Describe(options.BannerWait)}")).ToList());
        }

        return silent.Where(o => closed.Any(l => l.Endpoint.Port == o.Port)).ToList();
    }

    private static void Record(ActionContext context, string title, OpenPort open)
    {
        context.Journal.Append(new TranscriptEvent(context.PlanId, title, TranscriptEvent.Received, open.Banner), open.MonoNs);
        context.AddEvidence(new EvidenceTranscript(title, [new TranscriptLine(open.MonoNs, false, open.Banner)]));
    }

    /// <summary>A few printable characters of the banner for the verdict line; the whole banner is evidence.</summary>
    private static string BannerHint(byte[] banner)
    {
        if (banner.Length == 0)
        {
            return "";
        }

        string text = new(banner.Take(24).Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.').ToArray());
        return $" (sent \"{text}{(banner.Length > 24 ? "..." : "")}\")";
    }

    private static string List(IEnumerable<string> items)
    {
        string s = string.Join(", ", items);
        return s.Length == 0 ? "none" : s;
    }

    private static string Shown(IReadOnlyList<(int From, int To)> ranges, IReadOnlyList<string> services) =>
        string.Join(", ", ranges.Select(r => r.From == r.To ? Num(r.From) : $"{Num(r.From)}-{Num(r.To)}").Concat(services));

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
