using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>credentials: { service: telnet, list: FILE, parallel: N }</c>: tries each pair of the list
/// against the service on the device's declared address only, with up to N sessions at once where
/// the profile declares that the device takes that many concurrent logins. Ends with found, none
/// (the service answered, no pair worked) or closed (nothing listens on any port tried).
/// </summary>
public sealed partial class CredentialsAction(
    string service, WordList list, IReadOnlyList<int> ports, TimeSpan connectTimeout, TimeSpan stepTimeout, int parallel = 1) : IPlanAction
{
    public static readonly string[] Services = ["telnet"];

    /// <summary>Mirai's scanner targets; tried besides the ports the profile declares.</summary>
    public static readonly int[] TelnetDefaultPorts = [23, 2323];

    public string Kind => "credentials";

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan DefaultStepTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Most sessions a plan may ask for; a profile bounds it further.</summary>
    public const int MaxParallel = 64;

    public string Describe => parallel > 1
        ? $"credentials {service} ({list.Pairs.Count} pairs, up to {parallel} at once)"
        : $"credentials {service} ({list.Pairs.Count} pairs)";

    public IReadOnlyList<string> Results => ["found", "none", "closed"];

    public IReadOnlyList<string> Sets => ["user", "password", "port", "ports", "tried"];

    public WordList List => list;

    /// <summary>Ports named by the plan; empty means the profile's declared ports plus Mirai's.</summary>
    public IReadOnlyList<int> Ports => ports;

    public TimeSpan ConnectTimeout => connectTimeout;

    /// <summary>Sessions the plan asks for at once (default 1: pair after pair); the profile's declaration bounds it per port.</summary>
    public int Parallel => parallel;

    /// <summary>Longest wait for one prompt or answer, including the device's pause after a failed login.</summary>
    public TimeSpan StepTimeout => stepTimeout;
}
