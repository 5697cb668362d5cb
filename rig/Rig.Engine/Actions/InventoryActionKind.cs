using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>inventory: { database: FOLDER-OR-ZIP, since: power-on | run, timeout: 5s }</c>.</summary>
internal sealed class InventoryActionKind : IActionKind
{
    public string Name => "inventory";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ database: ../vulndb/sample }");
        map.AllowOnly("database", "since", "timeout");
        string since = SecretsActionKind.Since(map);
        string database = map.RequireString("database");
        string full = argument.PlanPath(database);
        if (!Directory.Exists(full) && !File.Exists(full))
        {
            throw map.Error(map.Get("database")!, $"database: {argument.DisplayPath(database)} does not exist (a folder of OSV records or a .zip of them)");
        }

        return new InventoryAction(full, argument.DisplayPath(database), since, map.OptDuration("timeout") ?? TimeSpan.FromSeconds(5));
    }
}
