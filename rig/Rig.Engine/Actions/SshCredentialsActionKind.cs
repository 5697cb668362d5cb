using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>ssh-credentials: { list: FILE, ports: [22], connect_timeout, attempt_timeout }</c>.</summary>
internal sealed class SshCredentialsActionKind : IActionKind
{
    public string Name => "ssh-credentials";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ list: FILE }");
        map.AllowOnly("list", "ports", "connect_timeout", "attempt_timeout");
        return new SshCredentialsAction(argument.LoadList(map), ActionArgument.Ports(map),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(5), map.OptDuration("attempt_timeout") ?? TimeSpan.FromSeconds(30));
    }
}
