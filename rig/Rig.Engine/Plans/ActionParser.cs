using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Turns one entry of a state's <c>enter:</c> list into an action: the kind its key names parses its argument.</summary>
internal sealed class ActionParser(string planDir, string displayDir, List<PlanInput> inputs, ActionKinds? kinds = null)
{
    private readonly PlanInputs _inputs = new(planDir, displayDir, inputs);
    private readonly ActionKinds _kinds = kinds ?? ActionKinds.Builtin;

    public ActionStep Parse(YamlNode step, YamlMap owner)
    {
        if (step is not YamlMappingNode m || m.Children.Count != 1 || m.Children.First().Key is not YamlScalarNode k || k.Value is null)
        {
            throw owner.Error(step, "an action is a one-key mapping like { power: cycle } or { send: \"id\\r\" }");
        }

        string name = k.Value;
        IActionKind kind = _kinds.Find(name) ?? throw owner.Error(k, $"unknown action '{name}' (known: {string.Join(", ", _kinds.Names)})");
        IPlanAction action = kind.Parse(new ActionArgument(name, owner, m.Children.First().Value, _inputs));
        return new ActionStep(action, new Position(owner.File, (int)k.Start.Line, (int)k.Start.Column));
    }
}
