using System.Text.RegularExpressions;
using Rig.Engine.Config;
using Rig.Engine.Plans;

namespace Rig.Engine.Actions;

/// <summary><c>power-cut-update: { image: newer, cuts: [Downloading, Verifying, Erasing, Writing, Switching] }</c>.</summary>
internal sealed class PowerCutActionKind : IActionKind
{
    /// <summary>The phases UPD-05 cuts in by default, as the virtual camera announces them.</summary>
    public static readonly string[] DefaultCuts = ["Downloading", "Verifying", "Erasing", @"Writing[^\r\n]*50%", "Switching"];

    public string Name => "power-cut-update";

    public IPlanAction Parse(ActionArgument argument)
    {
        YamlMap map = argument.Mapping("{ image: newer, cuts: [Downloading, Verifying, Erasing, Writing, Switching] }");
        map.AllowOnly("image", "cuts");
        IReadOnlyList<string> sources = map.Has("cuts") ? map.OptStringList("cuts") : DefaultCuts;
        if (sources.Count == 0)
        {
            throw map.Error("power-cut-update needs at least one cut pattern");
        }

        var cuts = new List<(string, Regex)>();
        foreach (string s in sources)
        {
            cuts.Add((s, PatternCompiler.Compile(s, m => map.Error(map.Get("cuts") ?? map.Node, $"cut pattern '{s}': {m}"))));
        }

        return new PowerCutAction(map.RequireString("image"), cuts);
    }
}
