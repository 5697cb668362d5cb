using Rig.Engine.Config;
using Rig.Formats.Files;

namespace Rig.Engine.Profiles;

/// <summary>
/// Paths in a profile: a manufacturer's file is untrusted, so each path must resolve, symlinks
/// included, inside the profile's own folder or a folder the lab allows; "../" cannot reach the
/// lab's key or anything else of the lab's.
/// </summary>
internal sealed class ProfilePaths
{
    private readonly string _dir;
    private readonly string[] _roots;

    public ProfilePaths(string profilePath, IReadOnlyList<string> allowedFolders)
    {
        _dir = Path.GetDirectoryName(Path.GetFullPath(profilePath)) ?? ".";
        _roots = [.. new[] { _dir }.Concat(allowedFolders).Select(f => GuardedFile.RealPath(Path.GetFullPath(f))).OfType<string>()];
    }

    /// <summary>The real path of the file <paramref name="key"/> names; refused when missing or outside the allowed folders.</summary>
    public string Resolve(YamlMap map, string key, string what)
    {
        string given = map.RequireString(key);
        string? real = GuardedFile.RealPath(Path.GetFullPath(given, _dir));
        if (real is null || !File.Exists(real))
        {
            throw map.Error(map.Get(key)!, $"{what}: {given}: no such file");
        }

        if (!_roots.Any(root => real.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            throw map.Error(map.Get(key)!, $"{what}: {given} resolves to {real}, outside the profile's folder ({_dir}); a profile may name only files in its own folder");
        }

        return real;
    }
}
