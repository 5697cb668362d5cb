namespace Rig.Engine.Inventory;

/// <summary>
/// One component a device was seen to run: its name and version, where OSV records it
/// (<see cref="Ecosystem"/> and <see cref="Package"/>), its CycloneDX type, and the evidence for it.
/// </summary>
public sealed record Component(string Name, string Version, string Ecosystem, string Package, string Type, IReadOnlyList<ComponentEvidence> Evidence)
{
    /// <summary>Evidence kept per component: a log that prints its banner at every login is one component.</summary>
    public const int MaxEvidence = 5;

    /// <summary>Its package URL: pkg:deb for a Debian package, pkg:generic otherwise.</summary>
    public string Purl => Ecosystem.StartsWith(Ecosystems.Debian, StringComparison.Ordinal)
        ? $"pkg:deb/debian/{Uri.EscapeDataString(Package)}@{Uri.EscapeDataString(Version)}"
        : $"pkg:generic/{Uri.EscapeDataString(Name)}@{Uri.EscapeDataString(Version)}";

    /// <summary>The name and version, e.g. "busybox 1.29.3".</summary>
    public override string ToString() => $"{Name} {Version}";
}

/// <summary>Where a component was seen: the source (console.raw at a byte, a banner of a service, a file) and the line itself.</summary>
public sealed record ComponentEvidence(string Source, string Line)
{
    public override string ToString() => $"{Source}: {Line}";
}
