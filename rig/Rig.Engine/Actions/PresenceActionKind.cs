using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>presence: { service: telnet, ports: [23, 2323], wait: 3s, connect_timeout: 2s }</c>.</summary>
internal sealed class PresenceActionKind : IActionKind
{
    public string Name => "presence";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ service: telnet }");
        map.AllowOnly("service", "ports", "wait", "connect_timeout");
        return new PresenceAction(
            ActionArgument.OneOf(map, "service", PresenceAction.Services),
            ActionArgument.Ports(map),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(2),
            map.OptDuration("wait") ?? TimeSpan.FromSeconds(3));
    }
}
