namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// The OSV ecosystems Rig matches and the version order of each: "Linux" (package "Kernel") and
/// "GIT" (an upstream project named by its repository URL, as OSV.dev keys packageless records)
/// in upstream order; "Debian" and "Debian:N" in dpkg's order. Records for other ecosystems are
/// read and left alone.
/// </summary>
public static class Ecosystems
{
    public const string Linux = "Linux";
    public const string LinuxKernel = "Kernel";
    public const string Git = "GIT";
    public const string Debian = "Debian";

    public static Comparison<string>? OrderOf(string ecosystem) =>
        ecosystem == Linux || ecosystem == Git ? UpstreamVersion.Compare
        : ecosystem == Debian || ecosystem.StartsWith(Debian + ":", StringComparison.Ordinal) ? DpkgVersion.Compare
        : null;

    /// <summary>Whether a record's ecosystem covers a component's: "Debian:12" covers "Debian:12"; "Debian" alone covers every release.</summary>
    public static bool Covers(string recordEcosystem, string componentEcosystem) =>
        recordEcosystem == componentEcosystem
        || (recordEcosystem == Debian && componentEcosystem.StartsWith(Debian + ":", StringComparison.Ordinal));
}
