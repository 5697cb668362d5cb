namespace Rig.Engine.Inventory;

/// <summary>
/// Collects the components seen in lines of text, each with the evidence it came from: one
/// component per name and version, at most <see cref="Component.MaxEvidence"/> evidence lines each.
/// </summary>
public sealed class InventoryBuilder
{
    /// <summary>Components kept: a hostile log that prints a thousand versions is still one bounded inventory.</summary>
    public const int MaxComponents = 200;

    /// <summary>Evidence lines are shown cut to this many characters.</summary>
    public const int MaxShown = 240;

    private readonly List<(ComponentPatterns.Pattern Pattern, string Version, List<ComponentEvidence> Evidence)> _found = [];

    /// <summary>Looks for components on <paramref name="line"/>; <paramref name="source"/> says where the line was seen.</summary>
    public void Scan(string line, string source)
    {
        foreach ((ComponentPatterns.Pattern p, string version) in ComponentPatterns.Find(line))
        {
            Add(p, version, new ComponentEvidence(source, Shown(line)));
        }
    }

    /// <summary>A component seen by other means (e.g. a package database), with its evidence.</summary>
    public void Add(ComponentPatterns.Pattern pattern, string version, ComponentEvidence evidence)
    {
        var entry = _found.FirstOrDefault(f => f.Pattern.Name == pattern.Name && f.Version == version);
        if (entry.Evidence is null)
        {
            if (_found.Count >= MaxComponents)
            {
                return;
            }

            entry = (pattern, version, []);
            _found.Add(entry);
        }

        if (entry.Evidence.Count < Component.MaxEvidence)
        {
            entry.Evidence.Add(evidence);
        }
    }

    public IReadOnlyList<Component> Components =>
        [.. _found.Select(f => new Component(f.Pattern.Name, f.Version, f.Pattern.Ecosystem, f.Pattern.Package, f.Pattern.Type, f.Evidence))];

    /// <summary>The line as evidence: printable ASCII only, cut to <see cref="MaxShown"/> characters.</summary>
    public static string Shown(string line)
    {
        string printable = new([.. line.Trim().Select(c => c is >= ' ' and < '\x7f' ? c : '?')]);
        return printable.Length > MaxShown ? printable[..MaxShown] + "..." : printable;
    }
}
