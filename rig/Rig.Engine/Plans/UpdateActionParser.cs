using System.Text.RegularExpressions;
using Rig.Drivers.Firmware;
using Rig.Engine.Actions;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Plans;

/// <summary>Parses the firmware update actions: update, reflash and power-cut-update.</summary>
internal static class UpdateActionParser
{
    /// <summary>The phases UPD-05 cuts in by default, as the virtual camera announces them.</summary>
    public static readonly string[] DefaultCuts = ["Downloading", "Verifying", "Erasing", @"Writing[^\r\n]*50%", "Switching"];

    public static UpdateAction ParseUpdate(YamlMap owner, YamlNode arg)
    {
        if (arg is YamlScalarNode { Value: { } name })
        {
            return new UpdateAction(name, [], powerCycle: false);
        }

        YamlMap map = Map(owner, arg, "update", "{ image: newer, tamper: [payload-byte], power_cycle: true }");
        map.AllowOnly("image", "tamper", "power_cycle");
        var tamper = map.OptStringList("tamper").ToList();
        if (tamper is ["all"])
        {
            tamper = [.. FirmwareTamper.Variants];
        }

        foreach (string v in tamper)
        {
            if (!FirmwareTamper.Variants.Contains(v))
            {
                throw map.Error(map.Get("tamper")!, $"unknown tamper variant '{v}' (known: all, {string.Join(", ", FirmwareTamper.Variants)})");
            }
        }

        return new UpdateAction(map.RequireString("image"), tamper, map.OptBool("power_cycle") ?? false);
    }

    public static ReflashAction ParseReflash(YamlMap owner, YamlNode arg) =>
        arg is YamlScalarNode { Value: { Length: > 0 } name }
            ? new ReflashAction(name)
            : throw owner.Error(arg, "reflash takes the name of a profile image, e.g. reflash: current");

    public static PowerCutAction ParsePowerCut(YamlMap owner, YamlNode arg)
    {
        YamlMap map = Map(owner, arg, "power-cut-update", "{ image: newer, cuts: [Downloading, Verifying, Erasing, Writing, Switching] }");
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

    private static YamlMap Map(YamlMap owner, YamlNode arg, string kind, string example) =>
        arg is YamlMappingNode node ? new YamlMap(owner.File, node) : throw owner.Error(arg, $"{kind} takes a mapping: {example}");
}
