using Rig.Engine.Plans;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Actions;

/// <summary><c>reflash: IMAGE</c>: the name of a profile image.</summary>
internal sealed class ReflashActionKind : IActionKind
{
    public string Name => "reflash";

    public IPlanAction Parse(ActionArgument argument) =>
        argument.Node is YamlScalarNode { Value: { Length: > 0 } name }
            ? new ReflashAction(name)
            : throw argument.Error("reflash takes the name of a profile image, e.g. reflash: current");
}
