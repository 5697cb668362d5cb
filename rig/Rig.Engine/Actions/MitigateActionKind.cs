using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>mitigate: console</c>: the only channel so far.</summary>
internal sealed class MitigateActionKind : IActionKind
{
    public string Name => "mitigate";

    public IPlanAction Parse(ActionArgument argument)
    {
        argument.Choice(MitigateAction.Channels);
        return new MitigateAction();
    }
}
