namespace Rig.Engine.Inventory;

/// <summary>
/// The OSV ecosystems a component of the inventory is named in: "Linux" (package "Kernel"), "GIT"
/// (an upstream project named by its repository URL, as OSV.dev keys packageless records), and
/// "Debian" or "Debian:N". Their version orders are the matcher's (<c>EcosystemOrder</c>).
/// </summary>
public static class Ecosystems
{
    public const string Linux = "Linux";
    public const string LinuxKernel = "Kernel";
    public const string Git = "GIT";
    public const string Debian = "Debian";
}
