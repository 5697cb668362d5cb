using System.Globalization;
using System.Text.RegularExpressions;

namespace Rig.Benchmarks.Sweep;

/// <summary>The peers, each with its stock telnet module and the options that make the race even.</summary>
internal static partial class SweepPeers
{
    /// <summary>
    /// hydra: "user:password" combo lines (-C) in list order, -t tasks, -f to stop at the first hit
    /// as Rig does, -I so an old restore file in the folder never makes it wait.
    /// </summary>
    public static readonly SweepPeer Hydra = new("hydra", HydraFound(), SweepCase.Text, (combo, telnet, parallel) =>
        ["-I", "-f", "-t", Num(parallel), "-C", combo, $"telnet://{telnet}"]);

    /// <summary>
    /// medusa: "host:user:password" combo lines with the host field empty (the -h host applies),
    /// -t logins at once, -f to stop at the first hit, -b without its banner. It schedules the list
    /// user by user, whatever the file's order.
    /// </summary>
    public static readonly SweepPeer Medusa = new("medusa", MedusaFound(), pair => ":" + SweepCase.Text(pair), (combo, telnet, parallel) =>
        ["-M", "telnet", "-h", telnet.Address.ToString(), "-n", Num(telnet.Port), "-C", combo, "-t", Num(parallel), "-f", "-b"]);

    public static readonly IReadOnlyList<SweepPeer> All = [Hydra, Medusa];

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"[2323][telnet] host: 127.0.0.20   login: root   password: xc3511"</summary>
    [GeneratedRegex(@"(?m)^\[\d+\]\[telnet\] host: \S+\s+login: (\S*)\s+password: ?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HydraFound();

    /// <summary>"ACCOUNT FOUND: [telnet] Host: 127.0.0.20 User: root Password: xc3511 [SUCCESS]"</summary>
    [GeneratedRegex(@"(?m)^ACCOUNT FOUND: \[telnet\] Host: \S+ User: (.*?) Password: (.*?) \[SUCCESS\]", RegexOptions.CultureInvariant)]
    private static partial Regex MedusaFound();
}
