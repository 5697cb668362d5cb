using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Actions;

/// <summary>
/// What an action kind parses: the YAML value after its key, with the checks every kind shares
/// (file:line:col errors, word lists and other files named relative to the plan, recorded as its inputs).
/// </summary>
public sealed class ActionArgument
{
    private readonly PlanInputs _inputs;

    internal ActionArgument(string kind, YamlMap owner, YamlNode node, PlanInputs inputs)
    {
        Kind = kind;
        Owner = owner;
        Node = node;
        _inputs = inputs;
    }

    public string Kind { get; }

    /// <summary>The mapping the action's entry is in (its file names errors).</summary>
    public YamlMap Owner { get; }

    public YamlNode Node { get; }

    public ConfigException Error(string message) => Owner.Error(Node, message);

    /// <summary>A single value, e.g. <c>send: "id\r"</c>.</summary>
    public string Scalar() =>
        Node is YamlScalarNode { Value: { } v } ? v : throw Error($"'{Kind}' takes a single value");

    /// <summary>A single value from <paramref name="allowed"/>, e.g. <c>power: cycle</c>.</summary>
    public string Choice(IReadOnlyList<string> allowed)
    {
        string v = Scalar();
        return allowed.Contains(v) ? v : throw Error($"{Kind}: expected {string.Join(", ", allowed)}, not '{v}'");
    }

    /// <summary>A mapping; <paramref name="example"/> shows one in the error when it is not.</summary>
    public YamlMap Mapping(string example) =>
        Node is YamlMappingNode m ? new YamlMap(Owner.File, m) : throw Error($"{Kind} takes a mapping: {example}");

    /// <summary>Loads the <c>list:</c> of <paramref name="map"/> and records it as an input of the plan.</summary>
    public WordList LoadList(YamlMap map) => _inputs.LoadList(map);

    /// <summary>A file the plan names, relative to its folder.</summary>
    public string PlanPath(string relative) => _inputs.FullPath(relative);

    /// <summary>Records a file the action read (named as the plan names it) so the report can show its hash.</summary>
    public void AddInput(string relative, string fullPath, string sha256, string? source = null) => _inputs.Add(relative, fullPath, sha256, source);

    /// <summary>A file the plan names, shown the way the plan was named (testplans/wordlists/mirai.txt).</summary>
    public string DisplayPath(string relative) => _inputs.DisplayPath(relative);

    /// <summary>The required <paramref name="key"/> of <paramref name="map"/>, one of <paramref name="supported"/> (e.g. <c>service: telnet</c>).</summary>
    public static string OneOf(YamlMap map, string key, IReadOnlyList<string> supported)
    {
        string value = map.RequireString(key);
        return supported.Contains(value)
            ? value
            : throw map.Error(map.Get(key)!, $"unknown {key} '{value}' (supported: {string.Join(", ", supported)})");
    }

    /// <summary>The optional <c>ports: [23, 2323]</c> of <paramref name="map"/>.</summary>
    public static List<int> Ports(YamlMap map)
    {
        var ports = new List<int>();
        foreach (string p in map.OptStringList("ports"))
        {
            if (!int.TryParse(p, out int port) || port is < 1 or > 65535)
            {
                throw map.Error(map.Get("ports")!, $"'{p}' is not a TCP port");
            }

            ports.Add(port);
        }

        return ports;
    }
}
