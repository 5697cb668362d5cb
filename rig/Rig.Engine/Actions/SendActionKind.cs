using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>send: "TEXT"</c>.</summary>
internal sealed class SendActionKind : IActionKind
{
    public string Name => "send";

    public IPlanAction Parse(ActionArgument argument) => new SendAction(argument.Scalar());
}
