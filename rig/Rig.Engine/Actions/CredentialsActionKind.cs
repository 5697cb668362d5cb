using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>credentials: { service: telnet, list: FILE, ports: [23], connect_timeout, step_timeout, parallel: N }</c>.</summary>
internal sealed class CredentialsActionKind : IActionKind
{
    public string Name => "credentials";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ service: telnet, list: FILE, parallel: N }");
        map.AllowOnly("service", "list", "ports", "connect_timeout", "step_timeout", "parallel");
        string service = ActionArgument.OneOf(map, "service", CredentialsAction.Services);

        return new CredentialsAction(
            service,
            argument.LoadList(map),
            ActionArgument.Ports(map),
            map.OptDuration("connect_timeout") ?? CredentialsAction.DefaultConnectTimeout,
            map.OptDuration("step_timeout") ?? CredentialsAction.DefaultStepTimeout,
            map.OptInt("parallel", 1, CredentialsAction.MaxParallel) ?? 1);
    }
}
