using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Reads states and transitions; shared by plans and fragments (which may also 'return').</summary>
internal sealed class StateReader(ActionParser actions, bool inFragment)
{
    private static readonly string[] Triggers = ["console", "after", "result", "event", "current"];

    public PlanState ReadState(string name, YamlMap state, Position pos)
    {
        state.AllowOnly("description", "enter", "exit", "on", "expect_reboot");
        IReadOnlyList<ActionStep> enter = ReadActions(state, "enter");
        bool expectsBoot = state.OptBool("expect_reboot")
            ?? enter.Any(s => s.Action is PowerAction p && p.SwitchesOn); // a power-on is a boot we asked for
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

        return new PlanState(name, enter, ReadActions(state, "exit"), on, pos, state.OptString("description"), ExpectsBoot: expectsBoot);
    }

    public IReadOnlyList<ActionStep> ReadActions(YamlMap owner, string key)
    {
        var steps = new List<ActionStep>();
        if (owner.OptSequence(key) is { } list)
        {
            foreach (YamlNode step in list)
            {
                steps.Add(actions.Parse(step, owner));
            }
        }

        return steps;
    }

    public Transition ReadTransition(YamlMap t)
    {
        string[] allowed = ["console", "after", "result", "event", "current", "when", "do", "goto", "verdict", "because", "limit", .. inFragment ? new[] { "return" } : []];
        t.AllowOnly(allowed);
        string[] present = Triggers.Where(t.Has).ToArray();
        if (present.Length != 1)
        {
            throw t.Error($"a transition needs exactly one event: console, after, result, event or current (found {(present.Length == 0 ? "none" : string.Join(" and ", present))})");
        }

        Trigger trigger = present[0] switch
        {
            "console" => ReadPattern(t),
            "after" => ReadAfter(t),
            "result" => new ResultTrigger(t.RequireString("result")),
            "current" => new CurrentTrigger(CurrentCondition.Parse(t.RequireString("current"), msg => t.Error(t.Get("current")!, msg)), t.RequireString("current")),
            _ => ReadEvent(t),
        };

        Guard? when = t.OptString("when") is { } w ? Guard.Parse(w, msg => t.Error(t.Get("when")!, msg)) : null;
        IReadOnlyList<ActionStep> doSteps = ReadActions(t, "do");
        string? target = t.OptString("goto");
        string? ret = t.OptString("return");
        string? verdictText = t.OptString("verdict");
        int ends = (target is null ? 0 : 1) + (ret is null ? 0 : 1) + (verdictText is null ? 0 : 1);
        if (ends > 1)
        {
            throw t.Error($"a transition ends in one way: 'goto: STATE', 'verdict: ...'{(inFragment ? " or 'return: EXIT'" : string.Empty)}");
        }

        if (ends == 0 && doSteps.Count == 0)
        {
            throw t.Error("a transition needs 'goto: STATE' or 'verdict: pass|fail|inconclusive|not-applicable|error' (or 'do:' actions to stay in the state)");
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

        return new Transition(trigger, when, doSteps, target, verdict, because, t.OptInt("limit", 1, 1000), PlanLoader.Pos(t, t.Node), ret);
    }

    private static AfterTrigger ReadAfter(YamlMap t)
    {
        string text = t.RequireString("after");
        return text.Contains("{{", StringComparison.Ordinal)
            ? new AfterTrigger(null, text)
            : new AfterTrigger(t.OptDuration("after")!.Value);
    }

    private static EventTrigger ReadEvent(YamlMap t)
    {
        string name = t.RequireString("event");
        return EventTrigger.Names.Contains(name)
            ? new EventTrigger(name)
            : throw t.Error(t.Get("event")!, $"unknown event '{name}' (expected {string.Join(", ", EventTrigger.Names)})");
    }

    public static ConsoleTrigger ReadPattern(YamlMap t, string key = "console")
    {
        string source = t.RequireString(key);
        YamlNode at = t.Get(key)!;
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
}
