using Rig.Engine.Inventory;

namespace Rig.Engine.Vulnerabilities;

/// <summary>A known vulnerability of an inventoried component: the record, the component, and what fixes it.</summary>
public sealed record VulnerabilityFinding(OsvRecord Record, Component Component, string Fix);

/// <summary>
/// Matches an inventory against an OSV database: a component is affected by a record when one of
/// the record's <c>affected</c> entries names its package (the same ecosystem, or "Debian" for
/// any Debian release) and the version is in one of its ECOSYSTEM or SEMVER ranges, or listed in
/// its <c>versions</c> (OSV's GIT records list release tags there; "V_9_3_P2" is 9.3p2). GIT
/// ranges name commits, which an inventory of versions cannot place, and are left out. FW-02 calls
/// this at issue; a later recheck calls it with the same inventory and a newer database.
/// </summary>
public static class KnownVulnerabilities
{
    /// <summary>The findings, one per record and component, in database order.</summary>
    /// <exception cref="OsvDatabaseException">A record that cannot be read.</exception>
    public static IReadOnlyList<VulnerabilityFinding> Check(IReadOnlyList<Component> components, OsvDatabase database)
    {
        var findings = new List<VulnerabilityFinding>();
        if (components.Count == 0)
        {
            return findings;
        }

        foreach (OsvRecord record in database.Records())
        {
            foreach (Component component in components)
            {
                if (Affects(record, component) is { } fix)
                {
                    findings.Add(new VulnerabilityFinding(record, component, fix));
                }
            }
        }

        return findings;
    }

    /// <summary>What fixes <paramref name="component"/> if <paramref name="record"/> affects it; null when it does not.</summary>
    public static string? Affects(OsvRecord record, Component component)
    {
        foreach (OsvAffected affected in record.Affected)
        {
            if (EcosystemOrder.Of(affected.Ecosystem) is not { } order
                || !EcosystemOrder.Covers(affected.Ecosystem, component.Ecosystem)
                || !SamePackage(affected, component))
            {
                continue;
            }

            foreach (OsvRange range in affected.Ranges.Where(r => r.Type is "ECOSYSTEM" or "SEMVER"))
            {
                (bool hit, string fix) = OsvRangeCheck.Check(range, component.Version, order);
                if (hit)
                {
                    return fix;
                }
            }

            bool git = affected.Ecosystem == Ecosystems.Git;
            if (affected.Versions.Any(v => order(git ? FromTag(v) : v, component.Version) == 0))
            {
                return FixOf(affected, component.Version, order) ?? "none known (listed as affected)";
            }
        }

        return null;
    }

    /// <summary>A release tag as a version: what precedes the first digit goes, "_" separates ("OpenSSL_1_0_2k" is 1.0.2k).</summary>
    public static string FromTag(string tag)
    {
        int first = tag.AsSpan().IndexOfAnyInRange('0', '9');
        return first < 0 ? tag : tag[first..].Replace('_', '.');
    }

    /// <summary>For a listed version: the lowest "fixed" above it in the entry's comparable ranges, if any.</summary>
    private static string? FixOf(OsvAffected affected, string version, Comparison<string> order) =>
        affected.Ranges.Where(r => r.Type is "ECOSYSTEM" or "SEMVER").SelectMany(r => r.Events)
            .Where(e => e.Kind == OsvEvent.Fixed && order(e.Version, version) > 0)
            .Select(e => e.Version).OrderBy(v => v, Comparer<string>.Create(order)).FirstOrDefault();

    private static bool SamePackage(OsvAffected affected, Component component) =>
        affected.Ecosystem == Ecosystems.Git
            ? Repo(affected.Name) == Repo(component.Package)
            : string.Equals(affected.Name, component.Package, affected.Ecosystem == Ecosystems.Linux ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>A repository URL without scheme, "www.", trailing "/" or ".git", in lower case.</summary>
    private static string Repo(string url)
    {
        string s = url.Trim().ToLowerInvariant();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        s = scheme >= 0 ? s[(scheme + 3)..] : s;
        s = s.StartsWith("www.", StringComparison.Ordinal) ? s[4..] : s;
        s = s.TrimEnd('/');
        return s.EndsWith(".git", StringComparison.Ordinal) ? s[..^4] : s;
    }
}
