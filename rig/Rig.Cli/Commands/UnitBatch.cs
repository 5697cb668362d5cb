using Rig.Cli.Composition;
using Rig.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace Rig.Cli.Commands;

/// <summary>
/// A batch file for <c>rig certify --batch</c>: the units a lab certifies at once, one per slot.
/// Plans or a scheme may be shared (top level) or set per unit. Relative paths are the batch
/// file's folder's, as a lab writes them beside it.
/// </summary>
/// <remarks>
/// <code>
/// scheme: etsi-en-303-645-baseline
/// units:
///   - { slot: dut1, profile: profiles/mycam.yaml, serial: CAM-0042, unit: units/cam-0042.yaml, out: results/cam-0042 }
///   - { slot: dut2, profile: profiles/mycam.yaml, serial: CAM-0043, mac: 02:00:00:00:00:43, out: results/cam-0043 }
/// </code>
/// </remarks>
internal sealed record UnitBatch(IReadOnlyList<BatchUnit> Units, BatchPlans Shared)
{
    /// <summary>The most slots one batch may name: a bench has a handful, a rack a few dozen.</summary>
    public const int MaxUnits = 256;

    /// <exception cref="ConfigException">Naming the batch file's line and column.</exception>
    public static UnitBatch Load(string path)
    {
        YamlFile file = YamlFile.Load(path, RigData.Display(path));
        YamlMap root = file.Root;
        root.AllowOnly("scheme", "plans", "units");
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        BatchPlans shared = BatchPlans.Read(root, dir);
        YamlSequenceNode list = root.OptSequence("units") ?? throw root.Error("missing required key 'units' (a list of { slot, profile, out, ... })");
        if (list.Children.Count == 0)
        {
            throw root.Error(list, "'units' is empty: name at least one unit");
        }

        if (list.Children.Count > MaxUnits)
        {
            throw root.Error(list, $"'units' names {list.Children.Count} units; at most {MaxUnits}");
        }

        var units = new List<BatchUnit>();
        foreach (YamlNode node in list)
        {
            if (node is not YamlMappingNode map)
            {
                throw root.Error(node, "each unit is a mapping: { slot, profile, out, serial, mac, unit, plans, scheme }");
            }

            BatchUnit unit = BatchUnit.Read(new YamlMap(file.DisplayName, map), dir);
            Refuse(units, unit, "slot", u => u.Slot);
            Refuse(units, unit, "out", u => u.Out);
            units.Add(unit);
        }

        return new UnitBatch(units, shared);
    }

    /// <summary>Two units in one slot, or writing one folder, would mix their evidence.</summary>
    private static void Refuse(List<BatchUnit> earlier, BatchUnit unit, string key, Func<BatchUnit, string> value)
    {
        if (earlier.FirstOrDefault(u => value(u) == value(unit)) is { } first)
        {
            throw unit.Entry.Error(unit.Entry.Get(key)!,
                $"{key} '{unit.Entry.OptString(key)}' is already the unit's at line {first.Entry.Node.Start.Line}; each unit needs a {(key == "slot" ? "slot" : "results folder")} of its own");
        }
    }
}

/// <summary>One unit of a batch: where it sits, what it is, where its results go.</summary>
/// <param name="Profile">A profile file (resolved against the batch's folder) or a shipped profile's name.</param>
/// <param name="Out">The full path of its results folder.</param>
internal sealed record BatchUnit(YamlMap Entry, string Slot, string Profile, string Out, string? Serial, string? Mac, string? UnitFile, BatchPlans Plans)
{
    public static BatchUnit Read(YamlMap entry, string dir)
    {
        entry.AllowOnly("slot", "profile", "out", "serial", "mac", "unit", "plans", "scheme");
        return new BatchUnit(
            entry,
            entry.RequireString("slot"),
            BatchPlans.InDir(dir, entry.RequireString("profile")),
            Path.GetFullPath(Path.Combine(dir, entry.RequireString("out"))),
            entry.OptString("serial"),
            entry.OptString("mac"),
            entry.OptString("unit") is { } unit ? Path.Combine(dir, unit) : null,
            BatchPlans.Read(entry, dir));
    }
}

/// <summary>What a batch, or one of its units, says about plans: a scheme, plans, or nothing (then the command line's).</summary>
internal sealed record BatchPlans(string? Scheme, IReadOnlyList<string>? Plans)
{
    public bool Given => Scheme is not null || Plans is not null;

    /// <summary>Equal for equal choices: units that run the same plans share one loaded copy.</summary>
    public string Key => Scheme is not null ? "scheme " + Scheme : "plans " + string.Join('\n', Plans ?? []);

    public static BatchPlans Read(YamlMap map, string dir)
    {
        if (map.Has("scheme") && map.Has("plans"))
        {
            throw map.Error(map.KeyNode("plans"), "the scheme decides which plans run; give scheme or plans, not both");
        }

        IReadOnlyList<string>? plans = map.Has("plans") ? map.OptStringList("plans").Select(p => InDir(dir, p)).ToList() : null;
        if (plans is { Count: 0 })
        {
            throw map.Error(map.Get("plans")!, "'plans' is empty");
        }

        return new BatchPlans(map.OptString("scheme") is { } s ? InDir(dir, s) : null, plans);
    }

    /// <summary>A name (CRED-01, a scheme's id, a shipped profile) stays a name; a file name is the batch folder's.</summary>
    internal static string InDir(string dir, string idOrPath)
    {
        string inDir = Path.Combine(dir, idOrPath);
        return File.Exists(inDir) || idOrPath.Contains('/') || idOrPath.EndsWith(".yaml", StringComparison.Ordinal) ? inDir : idOrPath;
    }
}
