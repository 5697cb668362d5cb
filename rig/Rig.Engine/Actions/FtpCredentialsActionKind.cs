using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>ftp-credentials: { list: FILE, ports: [21], connect_timeout, step_timeout }</c>.</summary>
internal sealed class FtpCredentialsActionKind : IActionKind
{
    public string Name => "ftp-credentials";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ list: FILE }");
        map.AllowOnly("list", "ports", "connect_timeout", "step_timeout");
        return new FtpCredentialsAction(argument.LoadList(map), ActionArgument.Ports(map),
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3), map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(15));
    }
}
