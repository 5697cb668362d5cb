namespace Rig.Cli.Composition;

/// <summary>Where the rig finds its shipped plans, profiles and benches, and where benches keep state.</summary>
public static class RigData
{
    /// <summary>The testplans folder shipped beside the rig.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testplans");

    public static string PlansDir => Path.Combine(Root, "plans");

    public static string VirtualBench => Path.Combine(Root, "benches", "virtual.yaml");

    public static string Profile(string name) => Path.Combine(Root, "profiles", name + ".yaml");

    /// <summary>How a file is named in journals and reports: shipped files as testplans/..., others as given.</summary>
    public static string Display(string path)
    {
        string full = Path.GetFullPath(path);
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? "testplans/" + Path.GetRelativePath(Root, full)
            : path;
    }

    /// <summary>A plan given by id (CRED-01) is looked up among the shipped plans; anything else is a path.</summary>
    public static string ResolvePlan(string idOrPath) =>
        File.Exists(idOrPath) || idOrPath.Contains('/') || idOrPath.EndsWith(".yaml", StringComparison.Ordinal)
            ? idOrPath
            : Path.Combine(PlansDir, idOrPath + ".yaml");

    /// <summary>A scheme given by id (etsi-en-303-645-baseline) is looked up among the shipped schemes; anything else is a path.</summary>
    public static string ResolveScheme(string idOrPath) =>
        File.Exists(idOrPath) || idOrPath.Contains('/') || idOrPath.EndsWith(".yaml", StringComparison.Ordinal)
            ? idOrPath
            : Path.Combine(Root, "schemes", idOrPath + ".yaml");

    /// <summary>Per-bench state (virtual devices' flash, console links): $XDG_STATE_HOME/rig/BENCH or ~/.local/state/rig/BENCH.</summary>
    public static string DefaultStateRoot(string benchFile) => Path.Combine(StateHome, Path.GetFileNameWithoutExtension(benchFile));

    /// <summary>Rig's own state folder: $XDG_STATE_HOME/rig or ~/.local/state/rig.</summary>
    public static string StateHome
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            string baseDir = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
                : xdg;
            return Path.Combine(baseDir, "rig");
        }
    }
}
