using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>interrupt: { window: 10s, every: 50ms, keys: [" ", "\r", "\x03"] }</c>; all optional.</summary>
internal sealed class InterruptActionKind : IActionKind
{
    public string Name => "interrupt";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ window: 10s } (or {} for the profile's boot time)");
        map.AllowOnly("window", "every", "keys");
        IReadOnlyList<string> keys = map.Has("keys") ? map.OptStringList("keys") : InterruptAction.GenericKeys;
        if (keys.Count == 0 || keys.Any(k => k.Length == 0))
        {
            throw map.Error(map.Get("keys")!, "keys: give at least one key, none empty");
        }

        TimeSpan every = map.OptDuration("every") ?? TimeSpan.FromMilliseconds(30);
        if (every < TimeSpan.FromMilliseconds(1))
        {
            throw map.Error(map.Get("every")!, "every: at least 1ms");
        }

        return new InterruptAction(keys, map.OptDuration("window"), every);
    }
}
