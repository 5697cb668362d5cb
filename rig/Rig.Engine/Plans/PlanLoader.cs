using System.Text.RegularExpressions;
using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Reads a plan file into a <see cref="Plan"/>; every mistake comes back as file:line:col.</summary>
public static class PlanLoader
{
    private static readonly TimeSpan DefaultPlanTimeout = TimeSpan.FromMinutes(10);

    public static Plan Load(string path, string? displayName = null)
    {
        YamlFile file = YamlFile.Load(path, displayName);
        YamlMap root = file.Root;
        root.AllowOnly("plan", "title", "version", "description", "provisions", "needs", "initial", "timeout", "states");
        string id = root.RequireString("plan");
        string planDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var inputs = new List<PlanInput>();
        var parser = new ActionParser(planDir, Path.GetDirectoryName(file.DisplayName) ?? string.Empty, inputs);

        YamlMap statesMap = root.RequireMap("states");
        var states = new Dictionary<string, PlanState>(StringComparer.Ordinal);
        foreach (string name in statesMap.Keys)
        {
            YamlNode keyNode = statesMap.KeyNode(name);
            YamlMap state = statesMap.OptMap(name) ?? throw statesMap.Error(keyNode, $"state '{name}' must be a mapping");
            states[name] = ReadState(name, state, Pos(state, keyNode), parser);
        }

        string initial = root.RequireString("initial");
        var plan = new Plan(
            id,
            root.RequireString("title"),
            root.OptString("version"),
            root.OptStringList("provisions"),
            root.OptStringList("needs"),
            initial,
            root.OptDuration("timeout") ?? DefaultPlanTimeout,
            states,
            file.DisplayName,
            file.Sha256,
            inputs);
        PlanValidator.Check(plan, Pos(root, root.Get("initial")!));
        return plan;
    }

    private static PlanState ReadState(string name, YamlMap state, Position pos, ActionParser parser)
    {
        state.AllowOnly("description", "enter", "on");
        var enter = new List<ActionStep>();
        if (state.OptSequence("enter") is { } steps)
        {
            foreach (YamlNode step in steps)
            {
                enter.Add(parser.Parse(step, state));
            }
        }

        var on = new List<Transition>();
        if (state.OptSequence("on") is { } transitions)
        {
            foreach (YamlNode t in transitions)
            {
                if (t is not YamlMappingNode tm)
                {
                    throw state.Error(t, "a transition is a mapping like { console: 'login:', goto: next }");
                }

                on.Add(ReadTransition(new YamlMap(state.File, tm)));
            }
        }

        return new PlanState(name, enter, on, pos);
    }

    private static Transition ReadTransition(YamlMap t)
    {
        t.AllowOnly("console", "after", "result", "goto", "verdict", "because");
        string[] triggers = ["console", "after", "result"];
        string[] present = triggers.Where(t.Has).ToArray();
        if (present.Length != 1)
        {
            throw t.Error($"a transition needs exactly one event: console, after or result (found {(present.Length == 0 ? "none" : string.Join(" and ", present))})");
        }

        Trigger trigger = present[0] switch
        {
            "console" => ReadPattern(t),
            "after" => new AfterTrigger(t.OptDuration("after")!.Value),
            _ => new ResultTrigger(t.RequireString("result")),
        };

        string? target = t.OptString("goto");
        string? verdictText = t.OptString("verdict");
        if ((target is null) == (verdictText is null))
        {
            throw t.Error("a transition needs either 'goto: STATE' or 'verdict: pass|fail|inconclusive|not-applicable|error'");
        }

        Verdict? verdict = null;
        string? because = t.OptString("because");
        if (verdictText is not null)
        {
            if (!Verdicts.TryParse(verdictText, out Verdict v))
            {
                throw t.Error(t.Get("verdict")!, $"unknown verdict '{verdictText}' (expected pass, fail, inconclusive, not-applicable or error)");
            }

            verdict = v;
            if (string.IsNullOrWhiteSpace(because))
            {
                throw t.Error(t.Get("verdict")!, "a verdict needs 'because: ...': the report must say why");
            }
        }
        else if (because is not null)
        {
            throw t.Error(t.Get("because")!, "'because' explains a verdict; this transition has none");
        }

        return new Transition(trigger, target, verdict, because, Pos(t, t.Node));
    }

    private static ConsoleTrigger ReadPattern(YamlMap t)
    {
        string source = t.RequireString("console");
        YamlNode at = t.Get("console")!;
        if (source.Length == 0)
        {
            throw t.Error(at, "an empty pattern matches anything; write what the device prints");
        }

        if (source.StartsWith(".*", StringComparison.Ordinal) || source.StartsWith(".+", StringComparison.Ordinal))
        {
            throw t.Error(at, "a leading '.*' makes the match reach back over the whole window; drop it (a pattern already matches anywhere)");
        }

        return new ConsoleTrigger(PatternCompiler.Compile(source, msg => t.Error(at, msg)), source);
    }

    internal static Position Pos(YamlMap map, YamlNode node) => new(map.File, (int)node.Start.Line, (int)node.Start.Column);
}
