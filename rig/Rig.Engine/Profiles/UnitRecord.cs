using Rig.Engine.Config;

namespace Rig.Engine.Profiles;

/// <summary>
/// What the lab's records say about the one unit under test, beyond its model's profile: the
/// password printed on its label and the canary values the lab planted in it (e.g. as the Wi-Fi
/// passphrase). Kept the same way for a virtual and a real unit; actions may use the secrets, the
/// journal and the report never see them.
/// </summary>
/// <param name="ConsolePassword">The per-unit password from its label, or null when the lab has none.</param>
/// <param name="Canaries">Values the lab planted that must never appear on the console.</param>
public sealed record UnitRecord(string? Serial, string? Mac, string? ConsolePassword, IReadOnlyList<string> Canaries)
{
    public static readonly UnitRecord None = new(null, null, null, []);

    /// <summary>Reads a unit file: serial, mac, console_password, canaries.</summary>
    public static UnitRecord Load(string path)
    {
        YamlMap root = YamlFile.Load(path).Root;
        root.AllowOnly("serial", "mac", "console_password", "canaries");
        IReadOnlyList<string> canaries = root.OptStringList("canaries");
        if (canaries.FirstOrDefault(c => c.Length < 6) is { } shortOne)
        {
            throw root.Error(root.Get("canaries")!, $"canary of {shortOne.Length} characters is shorter than 6: it would match by chance");
        }

        string? password = root.OptString("console_password");
        if (password is { Length: 0 })
        {
            throw root.Error(root.Get("console_password")!, "console_password is empty");
        }

        return new UnitRecord(root.OptString("serial"), root.OptString("mac"), password, canaries);
    }

    /// <summary>Never the secrets: a record printed by mistake must not leak them.</summary>
    public override string ToString() => $"unit {Serial ?? "(no serial)"} ({(ConsolePassword is null ? "no" : "a")} label password, {Canaries.Count} canaries)";
}
