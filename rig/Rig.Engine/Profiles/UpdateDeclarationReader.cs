using Rig.Engine.Config;

namespace Rig.Engine.Profiles;

/// <summary>Reads a profile's <c>update:</c> mapping; image and key paths are relative to the profile file.</summary>
internal static class UpdateDeclarationReader
{
    public static UpdateDeclaration? Read(YamlMap? update, string profilePath)
    {
        if (update is null)
        {
            return null;
        }

        update.AllowOnly("method", "command", "images", "public_key", "model", "version_command", "login_user", "timeout");
        string method = update.RequireString("method");
        if (!UpdateDeclaration.Methods.Contains(method))
        {
            throw update.Error(update.Get("method")!, $"update method '{method}' is not supported (supported: {string.Join(", ", UpdateDeclaration.Methods)})");
        }

        string command = update.RequireString("command");
        if (!command.Contains("{{url}}", StringComparison.Ordinal))
        {
            throw update.Error(update.Get("command")!, "the update command must contain {{url}} where the image's address goes");
        }

        string dir = Path.GetDirectoryName(Path.GetFullPath(profilePath)) ?? ".";
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlMap map = update.RequireMap("images");
        foreach (string name in map.Keys)
        {
            string file = map.RequireString(name);
            string full = Path.GetFullPath(file, dir);
            if (!File.Exists(full))
            {
                throw map.Error(map.Get(name)!, $"image '{name}': {file}: no such file");
            }

            images[name] = full;
        }

        string? key = update.OptString("public_key") is { } k ? Path.GetFullPath(k, dir) : null;
        return new UpdateDeclaration(
            method,
            command,
            images,
            key,
            update.RequireString("model"),
            update.OptString("version_command") ?? "cat /etc/version",
            update.OptString("login_user") ?? "root",
            update.OptDuration("timeout") ?? TimeSpan.FromMinutes(5));
    }
}
