namespace Rig.Engine.Actions;

/// <summary>
/// One kind of step a plan can take (<c>power</c>, <c>scan</c>, ...): its name and the parser of its
/// YAML argument. A new action is its own files, registered with one line in an <see cref="ActionKinds"/> table.
/// </summary>
public interface IActionKind
{
    /// <summary>The key that names it in a plan, e.g. "power".</summary>
    string Name { get; }

    /// <summary>Checks the argument and builds the action; a mistake is a ConfigException at its file:line:col.</summary>
    IPlanAction Parse(ActionArgument argument);
}
