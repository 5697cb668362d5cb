using Rig.Engine.Inventory;

namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// The version order of each ecosystem Rig matches: upstream order for "Linux" and "GIT", dpkg's
/// for "Debian" and "Debian:N". Records for other ecosystems are read and left alone.
/// </summary>
public static class EcosystemOrder
{
    public static Comparison<string>? Of(string ecosystem) =>
        ecosystem == Ecosystems.Linux || ecosystem == Ecosystems.Git ? UpstreamVersion.Compare
        : ecosystem == Ecosystems.Debian || ecosystem.StartsWith(Ecosystems.Debian + ":", StringComparison.Ordinal) ? DpkgVersion.Compare
        : null;

    /// <summary>Whether a record's ecosystem covers a component's: "Debian:12" covers "Debian:12"; "Debian" alone covers every release.</summary>
    public static bool Covers(string recordEcosystem, string componentEcosystem) =>
        recordEcosystem == componentEcosystem
        || (recordEcosystem == Ecosystems.Debian && componentEcosystem.StartsWith(Ecosystems.Debian + ":", StringComparison.Ordinal));
}
