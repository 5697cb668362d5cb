using Rig.Engine.Config;
using Rig.Engine.Plans;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Actions;

/// <summary><c>update: IMAGE</c> or <c>update: { image: newer, tamper: [payload-byte], power_cycle: true }</c>.</summary>
internal sealed class UpdateActionKind : IActionKind
{
    public string Name => "update";

    public IPlanAction Parse(ActionArgument argument)
    {
        if (argument.Node is YamlScalarNode { Value: { } name })
        {
            return new UpdateAction(name, [], powerCycle: false);
        }

        YamlMap map = argument.Mapping("{ image: newer, tamper: [payload-byte], power_cycle: true }");
        map.AllowOnly("image", "tamper", "power_cycle");
        var tamper = map.OptStringList("tamper").ToList();
        if (tamper is ["all"])
        {
            tamper = [.. UpdateAction.TamperVariants];
        }

        foreach (string v in tamper)
        {
            if (!UpdateAction.TamperVariants.Contains(v))
            {
                throw map.Error(map.Get("tamper")!, $"unknown tamper variant '{v}' (known: all, {string.Join(", ", UpdateAction.TamperVariants)})");
            }
        }

        return new UpdateAction(map.RequireString("image"), tamper, map.OptBool("power_cycle") ?? false);
    }
}
