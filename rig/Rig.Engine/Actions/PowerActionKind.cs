using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>power: on|off|cycle</c>.</summary>
internal sealed class PowerActionKind : IActionKind
{
    public string Name => "power";

    public IPlanAction Parse(ActionArgument argument) => new PowerAction(argument.Choice(PowerAction.Operations));
}
