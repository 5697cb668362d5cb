using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Profiles;

/// <summary>Reads a profile's <c>update:</c> mapping; image and key paths are relative to the profile file.</summary>
internal static class UpdateDeclarationReader
{
    /// <summary>The method that declares there is no update mechanism at all.</summary>
    public const string NoMechanism = "none";

    /// <summary>The <c>update:</c> mapping when it declares a mechanism; null when it declares none.</summary>
    public static YamlMap? Mechanism(YamlMap? update) => update?.OptString("method") == NoMechanism ? null : update;

    /// <summary>
    /// <c>update: { method: none, because: ... }</c>: the manufacturer's statement that the device
    /// cannot be updated, and why; null when the profile declares a mechanism or says nothing.
    /// </summary>
    public static string? ReadNone(YamlMap? update)
    {
        if (update is null || update.OptString("method") != NoMechanism)
        {
            return null;
        }

        update.AllowOnly("method", "because");
        return update.RequireString("because");
    }

    public static UpdateDeclaration? Read(YamlMap? update, ProfilePaths paths)
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

        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = new Dictionary<string, Position>(StringComparer.Ordinal);
        YamlMap map = update.RequireMap("images");
        foreach (string name in map.Keys)
        {
            images[name] = paths.Resolve(map, name, $"image '{name}'");
            YamlDotNet.RepresentationModel.YamlNode node = map.Get(name)!;
            at[name] = new Position(map.File, (int)node.Start.Line, (int)node.Start.Column);
        }

        string? key = update.Has("public_key") ? paths.Resolve(update, "public_key", "public_key") : null;
        return new UpdateDeclaration(
            method,
            command,
            images,
            key,
            update.RequireString("model"),
            update.OptString("version_command") ?? "cat /etc/version",
            update.OptString("login_user") ?? "root",
            update.OptDuration("timeout") ?? TimeSpan.FromMinutes(5))
        {
            ImageAt = at,
        };
    }
}
