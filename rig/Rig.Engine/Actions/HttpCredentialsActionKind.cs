using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>http-credentials: { list: FILE, ports: [80], path: /, connect_timeout, step_timeout }</c>.</summary>
internal sealed class HttpCredentialsActionKind : IActionKind
{
    public string Name => "http-credentials";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ list: FILE }");
        map.AllowOnly("list", "ports", "path", "connect_timeout", "step_timeout");
        string path = map.OptString("path") ?? "/";
        if (!path.StartsWith('/') || path.Any(c => c <= ' ' || c > '~'))
        {
            throw map.Error(map.Get("path")!, $"path must be an absolute URL path without spaces, not '{path}'");
        }

        return new HttpCredentialsAction(argument.LoadList(map), ActionArgument.Ports(map), path,
            map.OptDuration("connect_timeout") ?? TimeSpan.FromSeconds(3), map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(10));
    }
}
