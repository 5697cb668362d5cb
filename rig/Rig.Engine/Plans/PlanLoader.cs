using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Expect;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Reads a plan file into a <see cref="Plan"/>; every mistake comes back as file:line:col.</summary>
public static class PlanLoader
{
    private static readonly TimeSpan DefaultPlanTimeout = TimeSpan.FromMinutes(10);

    /// <param name="kinds">The actions the plan may use; the rig's own when null.</param>
    public static Plan Load(string path, string? displayName = null, ActionKinds? kinds = null)
    {
        YamlFile file = YamlFile.Load(path, displayName);
        YamlMap root = file.Root;
        root.AllowOnly("plan", "title", "version", "description", "provisions", "needs", "initial", "timeout", "states", "death");
        string id = root.RequireString("plan");
        string planDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var inputs = new List<PlanInput>();
        var actions = new ActionParser(planDir, Path.GetDirectoryName(file.DisplayName) ?? string.Empty, inputs, kinds);
        var reader = new StateReader(actions, inFragment: false);

        YamlMap statesMap = root.RequireMap("states");
        var states = new Dictionary<string, PlanState>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal); // a fragment's state name -> its first inner state
        var fragments = new List<FragmentUse>();
        foreach (string name in statesMap.Keys)
        {
            YamlNode keyNode = statesMap.KeyNode(name);
            YamlMap state = statesMap.OptMap(name) ?? throw statesMap.Error(keyNode, $"state '{name}' must be a mapping");
            if (name.Contains('/', StringComparison.Ordinal))
            {
                throw statesMap.Error(keyNode, $"state names cannot contain '/' (it separates a fragment's states): '{name}'");
            }

            if (state.Has("use"))
            {
                FragmentInstance instance = FragmentInstance.Inline(name, state, planDir, actions, inputs);
                foreach (PlanState s in instance.States)
                {
                    states[s.Name] = s;
                }

                aliases[name] = instance.Entry;
                fragments.Add(instance.Use);
            }
            else
            {
                states[name] = reader.ReadState(name, state, Pos(state, keyNode));
            }
        }

        // A 'goto' to a fragment's state enters the fragment at its initial state.
        var resolved = states.Values.Select(s => s with
        {
            On = s.On.Select(t => t.Goto is not null && aliases.TryGetValue(t.Goto, out string? to) ? t with { Goto = to } : t).ToList(),
        }).ToDictionary(s => s.Name, StringComparer.Ordinal);

        string initial = root.RequireString("initial");
        var plan = new Plan(
            id,
            root.RequireString("title"),
            root.OptString("version"),
            root.OptStringList("provisions"),
            root.OptStringList("needs"),
            aliases.GetValueOrDefault(initial, initial),
            root.OptDuration("timeout") ?? DefaultPlanTimeout,
            resolved,
            file.DisplayName,
            file.Sha256,
            inputs,
            [.. DeathPatterns.Builtin, .. ReadDeath(root)],
            fragments);
        PlanValidator.Check(plan, Pos(root, root.Get("initial")!));
        return plan;
    }

    /// <summary>The plan's own death patterns: <c>death: [ { console: REGEX, kind: crash|reboot, verdict: ..., because: ... } ]</c>.</summary>
    private static List<DeathPattern> ReadDeath(YamlMap root)
    {
        var list = new List<DeathPattern>();
        if (root.OptSequence("death") is not { } items)
        {
            return list;
        }

        foreach (YamlNode item in items)
        {
            if (item is not YamlMappingNode node)
            {
                throw root.Error(item, "a death pattern is a mapping like { console: 'Segmentation fault', because: ... }");
            }

            var d = new YamlMap(root.File, node);
            d.AllowOnly("console", "kind", "verdict", "because");
            ConsoleTrigger pattern = StateReader.ReadPattern(d);
            string kind = d.OptString("kind") ?? "crash";
            if (kind is not ("crash" or "reboot"))
            {
                throw d.Error(d.Get("kind")!, $"kind must be crash or reboot, not '{kind}'");
            }

            string verdictText = d.OptString("verdict") ?? "fail";
            if (!Verdicts.TryParse(verdictText, out Verdict verdict))
            {
                throw d.Error(d.Get("verdict")!, $"unknown verdict '{verdictText}'");
            }

            list.Add(new DeathPattern(new DeferredRegex(pattern.Pattern), pattern.Source, kind == "crash" ? DeathKind.Crash : DeathKind.Reboot, verdict, d.OptString("because") ?? "death pattern seen: {{death}}", Builtin: false));
        }

        return list;
    }

    internal static Position Pos(YamlMap map, YamlNode node) => new(map.File, (int)node.Start.Line, (int)node.Start.Column);
}
