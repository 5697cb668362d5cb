using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>secrets: { since: power-on | run }</c>.</summary>
internal sealed class SecretsActionKind : IActionKind
{
    public string Name => "secrets";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ since: power-on }");
        map.AllowOnly("since");
        return new SecretsAction(Since(map));
    }

    /// <summary>The optional <c>since:</c> of an action that reads the console back (power-on when absent).</summary>
    internal static string Since(YamlMap map)
    {
        string since = map.OptString("since") ?? "power-on";
        return SecretsAction.Sinces.Contains(since)
            ? since
            : throw map.Error(map.Get("since")!, $"since: expected {string.Join(" or ", SecretsAction.Sinces)}, not '{since}'");
    }
}
