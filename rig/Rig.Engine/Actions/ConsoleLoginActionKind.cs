using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>console-login: { list: FILE, step_timeout }</c>.</summary>
internal sealed class ConsoleLoginActionKind : IActionKind
{
    public string Name => "console-login";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ list: FILE }");
        map.AllowOnly("list", "step_timeout");
        return new ConsoleLoginAction(argument.LoadList(map), map.OptDuration("step_timeout") ?? TimeSpan.FromSeconds(15));
    }
}
