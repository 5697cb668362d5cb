using System.Net;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Protocols.Net;

namespace Rig.Tests.Support;

/// <summary>
/// One live virtual camera (real rig-vdev process, real pty, real sockets) at a loopback address
/// of its own, run through the real certification path with the shipped plans and profiles.
/// </summary>
internal sealed class LiveBench() : SimSlotBench("surface", "cam")
{
    /// <summary>Runs the shipped <paramref name="planIds"/> on <paramref name="personality"/> at <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<PlanOutcome>> RunAsync(string personality, string address, double bootScale, params string[] planIds)
    {
        DeviceProfile profile = ProfileLoader.Load(await ProfileAtAsync(personality, address));
        Plan[] plans = planIds.Select(id => PlanLoader.Load(TestPaths.Plan(id), id + ".yaml")).ToArray();
        return await CertifyAsync(
            $"personality: {personality}, address: {address}, telnet_port: 2323, boot_scale: {bootScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}, login_fail_delay: 0.1s",
            "50ms",
            profile,
            plans);
    }

    /// <summary>
    /// The shipped profile moved to <paramref name="address"/>. A virtual device shares the host's
    /// loopback, so a host service listening on every address (0.0.0.0) shows up at the device's
    /// address too: those ports, found at an address nobody uses, are declared as the host's.
    /// </summary>
    private async Task<string> ProfileAtAsync(string personality, string address)
    {
        string text = TestPaths.ProfileText(personality);
        text = text.Replace("address: 127.0.0.", $"address: {address} #", StringComparison.Ordinal);
        TcpScanResult host = await HostWildcard.Value;
        string hostServices = string.Concat(host.Open.Select(o => $"\n  host-wildcard-{o.Port}: {{ port: {o.Port} }}"));
        text = text.Contains("\nservices:", StringComparison.Ordinal)
            ? text.Replace("\nservices:", "\nservices:" + hostServices, StringComparison.Ordinal)
            : text + "\nservices:" + (hostServices.Length == 0 ? " {}" : hostServices) + "\n";
        return Files.WriteProfile(personality + ".yaml", text);
    }

    private static readonly Lazy<Task<TcpScanResult>> HostWildcard = new(() =>
        TcpScanner.ScanAsync(IPAddress.Parse("127.0.0.250"), Enumerable.Range(1, 65535).ToList(), new TcpScanOptions { BannerWait = TimeSpan.Zero }, CancellationToken.None));
}
