using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>
/// A shared fragment ("boot to a prompt", "log in") included by a plan state:
/// <c>boot: { use: boot-to-prompt, exits: { login: poke, shell: poke, silent: { verdict: error, because: ... } } }</c>.
/// Its states are copied into the plan as boot/STATE, and its 'return: EXIT' transitions become the plan's exits.
/// </summary>
internal sealed record FragmentInstance(IReadOnlyList<PlanState> States, string Entry, FragmentUse Use)
{
    public static FragmentInstance Inline(string name, YamlMap useState, string planDir, ActionParser actions, List<PlanInput> inputs)
    {
        useState.AllowOnly("use", "exits", "description");
        string id = useState.RequireString("use");
        string path = id.Contains('/', StringComparison.Ordinal) || id.EndsWith(".yaml", StringComparison.Ordinal)
            ? Path.GetFullPath(id, planDir)
            : Path.GetFullPath(Path.Combine("..", "fragments", id + ".yaml"), planDir);
        if (!File.Exists(path))
        {
            throw useState.Error(useState.Get("use")!, $"no fragment '{id}' (looked for {Path.GetFileName(path)} in {Path.GetDirectoryName(path)})");
        }

        YamlFile file = YamlFile.Load(path, DisplayNear(useState.File, id, path));
        YamlMap root = file.Root;
        root.AllowOnly("fragment", "title", "description", "initial", "returns", "states");
        IReadOnlyList<string> returns = root.OptStringList("returns");
        var reader = new StateReader(actions, inFragment: true);
        YamlMap statesMap = root.RequireMap("states");
        var inner = new List<PlanState>();
        foreach (string s in statesMap.Keys)
        {
            if (statesMap.OptMap(s) is not { } stateMap)
            {
                throw statesMap.Error(statesMap.KeyNode(s), $"state '{s}' must be a mapping");
            }

            if (stateMap.Has("use"))
            {
                throw stateMap.Error(stateMap.KeyNode("use"), "fragments cannot include other fragments");
            }

            inner.Add(reader.ReadState(s, stateMap, PlanLoader.Pos(stateMap, statesMap.KeyNode(s))));
        }

        string initial = root.RequireString("initial");
        if (inner.All(s => s.Name != initial))
        {
            throw root.Error(root.Get("initial")!, $"initial state '{initial}' is not defined in fragment '{id}'");
        }

        Dictionary<string, Transition> exits = ReadExits(useState, returns, id);
        var names = inner.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var states = inner.Select(s => s with
        {
            Name = $"{name}/{s.Name}",
            Group = name,
            On = s.On.Select(t => Rewrite(t, name, names, returns, exits, root)).ToList(),
        }).ToList();

        string relative = file.DisplayName;
        inputs.Add(new PlanInput(relative, path, file.Sha256, $"fragment {root.RequireString("fragment")}"));
        var use = new FragmentUse(name, root.RequireString("fragment"), root.OptString("title") ?? id, relative, file.Sha256);
        return new FragmentInstance(states, $"{name}/{initial}", use);
    }

    private static Transition Rewrite(Transition t, string group, HashSet<string> names, IReadOnlyList<string> returns, Dictionary<string, Transition> exits, YamlMap fragment)
    {
        if (t.Return is { } r)
        {
            if (!returns.Contains(r))
            {
                throw new ConfigException(t.Pos.File, t.Pos.Line, t.Pos.Column, $"return '{r}' is not one of the fragment's returns ({string.Join(", ", returns)})");
            }

            Transition exit = exits[r];
            // Where the exit leads is the plan's word: a bad goto there is reported at the plan's exits.
            return t with { Return = null, Goto = exit.Goto, Verdict = exit.Verdict, Because = exit.Because, Pos = exit.Goto is null ? t.Pos : exit.Pos };
        }

        if (t.Goto is not null)
        {
            if (!names.Contains(t.Goto))
            {
                throw new ConfigException(t.Pos.File, t.Pos.Line, t.Pos.Column, $"goto '{t.Goto}': no such state in fragment (states: {string.Join(", ", names)})");
            }

            return t with { Goto = $"{group}/{t.Goto}" };
        }

        return t;
    }

    /// <summary>Each of the fragment's returns must lead somewhere in the plan: a state, or a verdict.</summary>
    private static Dictionary<string, Transition> ReadExits(YamlMap useState, IReadOnlyList<string> returns, string id)
    {
        YamlMap exits = useState.OptMap("exits") ?? throw useState.Error(useState.Get("use")!, $"fragment '{id}' returns {string.Join(", ", returns)}: map each under 'exits:'");
        var map = new Dictionary<string, Transition>(StringComparer.Ordinal);
        foreach (string key in exits.Keys)
        {
            if (!returns.Contains(key))
            {
                throw exits.Error(exits.KeyNode(key), $"fragment '{id}' has no return '{key}' (it returns: {string.Join(", ", returns)})");
            }

            YamlNode value = exits.Get(key)!;
            var pos = PlanLoader.Pos(exits, value);
            if (value is YamlScalarNode { Value: { } state })
            {
                map[key] = new Transition(new ResultTrigger(key), null, [], state, null, null, null, pos);
            }
            else if (exits.OptMap(key) is { } v)
            {
                v.AllowOnly("verdict", "because");
                string text = v.RequireString("verdict");
                if (!Verdicts.TryParse(text, out Verdict verdict))
                {
                    throw v.Error(v.Get("verdict")!, $"unknown verdict '{text}'");
                }

                map[key] = new Transition(new ResultTrigger(key), null, [], null, verdict, v.RequireString("because"), null, pos);
            }
        }

        foreach (string r in returns.Where(r => !map.ContainsKey(r)))
        {
            throw exits.Error($"fragment '{id}' can return '{r}': say where it leads under 'exits:'");
        }

        return map;
    }

    /// <summary>The fragment named the way the plan was named (testplans/fragments/boot-to-prompt.yaml).</summary>
    private static string DisplayNear(string planDisplay, string id, string fullPath)
    {
        string dir = Path.GetDirectoryName(planDisplay) ?? string.Empty;
        string parent = Path.GetDirectoryName(dir) ?? string.Empty;
        return id.Contains('/', StringComparison.Ordinal) || id.EndsWith(".yaml", StringComparison.Ordinal)
            ? Path.Combine(dir, id)
            : Path.Combine(parent, "fragments", Path.GetFileName(fullPath));
    }
}
