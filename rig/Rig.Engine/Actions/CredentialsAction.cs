using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>credentials: { service: telnet, list: FILE }</c>: tries each pair of the list against the
/// service on the device's declared address only. Ends with found, none (the service answered,
/// no pair worked) or closed (nothing listens on any port tried).
/// </summary>
public sealed partial class CredentialsAction(string service, WordList list, IReadOnlyList<int> ports, TimeSpan connectTimeout, TimeSpan stepTimeout) : IPlanAction
{
    public static readonly string[] Services = ["telnet"];

    /// <summary>Mirai's scanner targets; tried besides the ports the profile declares.</summary>
    public static readonly int[] TelnetDefaultPorts = [23, 2323];

    public string Kind => "credentials";

    public string Describe => $"credentials {service} ({list.Pairs.Count} pairs)";

    public IReadOnlyList<string> Results => ["found", "none", "closed"];

    public IReadOnlyList<string> Sets => ["user", "password", "port", "ports", "tried"];

    public WordList List => list;

    /// <summary>Ports named by the plan; empty means the profile's declared ports plus Mirai's.</summary>
    public IReadOnlyList<int> Ports => ports;

    public TimeSpan ConnectTimeout => connectTimeout;

    /// <summary>Longest wait for one prompt or answer, including the device's pause after a failed login.</summary>
    public TimeSpan StepTimeout => stepTimeout;
}
