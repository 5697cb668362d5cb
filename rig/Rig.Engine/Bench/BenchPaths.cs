namespace Rig.Engine.Bench;

/// <summary>How a bench file's paths resolve: against the bench's state root, never the current folder.</summary>
public static class BenchPaths
{
    public static string Resolve(string path, string stateRoot)
    {
        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        }

        return Path.GetFullPath(path, stateRoot);
    }
}
