using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>brute-force: { service: http, user, attempts: 20, recovery_wait, connect_timeout, step_timeout }</c>.</summary>
internal sealed class BruteForceActionKind : IActionKind
{
    public string Name => "brute-force";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ service: http, attempts: 20 }");
        map.AllowOnly("service", "user", "attempts", "recovery_wait", "connect_timeout", "step_timeout");
        string service = ActionArgument.OneOf(map, "service", BruteForceAction.Services);

        return new BruteForceAction(
            service,
            map.OptString("user") ?? "admin",
            map.OptInt("attempts", 1, 1000) ?? 20,
            map.OptDuration("recovery_wait") ?? TimeSpan.FromMinutes(5),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3),
            map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(10));
    }
}
