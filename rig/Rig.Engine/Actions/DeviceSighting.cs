using System.Globalization;
using System.Net;
using Rig.Protocols.Net;
using Rig.Engine.Journal;
using Rig.Engine.Profiles;

namespace Rig.Engine.Actions;

/// <summary>
/// Whether a network action rests on a device that was seen. No answer is not a pass: before it
/// acts, the device must answer on its declared ports; and a "nothing found" stands only when
/// something at the device's address answered and every declared service the action tests did.
/// Otherwise the action ends unobserved and the plan is inconclusive with the reason.
/// </summary>
internal static class DeviceSighting
{
    /// <summary>How long a declared port may take to accept when the device is looked for.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <paramref name="result"/> when it may stand, else an unobserved result. <paramref name="answered"/>
    /// are the ports the action saw answer at the device's address; <paramref name="service"/> is the
    /// declared service the action tests (null for a scan, which tests none in particular).
    /// </summary>
    public static async Task<ActionResult> JudgeAsync(ActionContext context, string? service, IReadOnlyCollection<int> answered, ActionResult result, CancellationToken ct)
    {
        DeviceProfile profile = context.Profile;
        IReadOnlySet<int> host = HostOnly(profile.Address);
        bool seen = answered.Any(p => !host.Contains(p)) || await AnyDeclaredAnswersAsync(profile, host, ct).ConfigureAwait(false);
        string? because = !seen
            ? $"device not reachable at {profile.Address}: no TCP port answered{DeclaredList(profile)}"
            : profile.Services.FirstOrDefault(s => s.Name == service && s.Protocol == "tcp" && !answered.Contains(s.Port)) is { } silent
                ? $"the declared {silent.Name} service on {profile.Address}:{Num(silent.Port)} did not answer"
                : null;
        if (because is null)
        {
            return result;
        }

        return Unobserved(context, result.Name, because);
    }

    /// <summary>Journals why <paramref name="insteadOf"/> cannot stand and returns the unobserved result.</summary>
    public static ActionResult Unobserved(ActionContext context, string insteadOf, string because)
    {
        context.Journal.Append(new UnobservedEvent(context.PlanId, insteadOf, because));
        return ActionResult.Unobserved(because);
    }

    /// <summary>Time between two looks for a device whose services are not up yet.</summary>
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits, up to the profile's boot time, until the device answers on a declared TCP port and on
    /// every declared port of <paramref name="service"/>: a console prompt often comes before the
    /// network daemons. Null once seen (or when the profile declares nothing to look for), else why not.
    /// </summary>
    public static async Task<string?> SightAsync(ActionContext context, string? service, CancellationToken ct)
    {
        DeviceProfile profile = context.Profile;
        IReadOnlySet<int> host = HostOnly(profile.Address);
        List<DeclaredService> tcp = profile.Services.Where(s => s.Protocol == "tcp" && !host.Contains(s.Port)).ToList();
        if (tcp.Count == 0)
        {
            return null; // nothing declared to look for: the action's own answers decide afterwards
        }

        List<DeclaredService> relied = tcp.Where(s => s.Name == service).ToList();
        long deadline = Environment.TickCount64 + (long)Math.Max(profile.BootTime.TotalMilliseconds, ConnectTimeout.TotalMilliseconds);
        var answered = new HashSet<int>();
        while (true)
        {
            List<int> pending = tcp.Select(s => s.Port).Where(p => !answered.Contains(p)).Distinct().ToList();
            answered.UnionWith(await AnsweringAsync(profile.Address, pending, ct).ConfigureAwait(false));
            DeclaredService? silent = relied.FirstOrDefault(s => !answered.Contains(s.Port));
            if (answered.Count > 0 && silent is null)
            {
                return null;
            }

            if (Environment.TickCount64 >= deadline)
            {
                return answered.Count == 0
                    ? $"device not reachable at {profile.Address}: no TCP port answered{DeclaredList(profile)}"
                    : $"the declared {silent!.Name} service on {profile.Address}:{Num(silent.Port)} did not answer";
            }

            await Task.Delay(Retry, ct).ConfigureAwait(false);
        }
    }

    /// <summary><see cref="SightAsync"/> for an action that tests <paramref name="service"/>: null once seen, else the unobserved result.</summary>
    public static async Task<ActionResult?> UnseenAsync(ActionContext context, string service, CancellationToken ct) =>
        await SightAsync(context, service, ct).ConfigureAwait(false) is { } because ? Unobserved(context, "sighting", because) : null;

    /// <summary>True when a declared TCP port of the device answers now (accepts, and does not close at once).</summary>
    private static async Task<bool> AnyDeclaredAnswersAsync(DeviceProfile profile, IReadOnlySet<int> host, CancellationToken ct)
    {
        List<int> ports = profile.Services.Where(s => s.Protocol == "tcp" && !host.Contains(s.Port)).Select(s => s.Port).Distinct().ToList();
        if (ports.Count == 0)
        {
            return false;
        }

        return (await AnsweringAsync(profile.Address, ports, ct).ConfigureAwait(false)).Count > 0;
    }

    /// <summary>How long an accepted connection is watched for a close with no byte.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The ports that accept and then speak or stay open. An accept closed at once with no byte is
    /// not the device: a port forwarder (QEMU user networking, a NAT box) accepts for a device that is down.
    /// </summary>
    private static async Task<List<int>> AnsweringAsync(IPAddress address, IReadOnlyList<int> ports, CancellationToken ct)
    {
        IReadOnlyList<ServiceAnswer> looks = await ServiceLook.LookAllAsync(address, ports, ConnectTimeout, Settle, ct).ConfigureAwait(false);
        return looks.Where(l => l.State is ServiceState.Spoke or ServiceState.Silent).Select(l => l.Endpoint.Port).ToList();
    }

    /// <summary>
    /// Ports that answer at a loopback address only because the host listens on every address:
    /// they show nothing about a virtual device there, unless it listens on its own address too.
    /// </summary>
    private static IReadOnlySet<int> HostOnly(IPAddress address) =>
        IPAddress.IsLoopback(address) ? HostListeners.WildcardPorts().Except(HostListeners.BoundTo(address)).ToHashSet() : new HashSet<int>();

    private static string DeclaredList(DeviceProfile profile)
    {
        var tcp = profile.Services.Where(s => s.Protocol == "tcp").Select(s => $"{s.Name} {Num(s.Port)}").ToList();
        return tcp.Count == 0 ? " (the profile declares no TCP service)" : $", not even a declared service ({string.Join(", ", tcp)})";
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
