namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// OSV's rule for whether a version is in a range (the schema's evaluation pseudo-code): walk the
/// events sorted by version; "introduced" at or below the version makes it affected, "fixed" at
/// or below makes it not, "last_affected" below it makes it not; "introduced: 0" is before every
/// version; a version at or above a "limit" is outside the range. Also says which fix applies.
/// </summary>
public static class OsvRangeCheck
{
    /// <summary>Whether <paramref name="version"/> is affected and, if so, what fixes it ("1.30.1", or "none known (last affected 1.36.1)", or "none known").</summary>
    public static (bool Affected, string Fix) Check(OsvRange range, string version, Comparison<string> compare)
    {
        foreach (OsvEvent limit in range.Events.Where(e => e.Kind == OsvEvent.Limit && e.Version != "*"))
        {
            if (compare(version, limit.Version) >= 0)
            {
                return (false, "");
            }
        }

        List<OsvEvent> events = [.. range.Events.Where(e => e.Kind != OsvEvent.Limit)];
        events.Sort((x, y) => Zero(x) && Zero(y) ? 0 : Zero(x) ? -1 : Zero(y) ? 1 : compare(x.Version, y.Version));
        bool affected = false;
        foreach (OsvEvent e in events)
        {
            switch (e.Kind)
            {
                case OsvEvent.Introduced when Zero(e) || compare(version, e.Version) >= 0:
                    affected = true;
                    break;
                case OsvEvent.Fixed when compare(version, e.Version) >= 0:
                case OsvEvent.LastAffected when compare(version, e.Version) > 0:
                    affected = false;
                    break;
            }
        }

        if (!affected)
        {
            return (false, "");
        }

        // The first closing event at or above the version closes the segment the version is in.
        OsvEvent? close = events.FirstOrDefault(e => e.Kind is OsvEvent.Fixed or OsvEvent.LastAffected && compare(version, e.Version) <= 0);
        return close switch
        {
            { Kind: OsvEvent.Fixed } => (true, close.Version),
            { Kind: OsvEvent.LastAffected } => (true, $"none known (last affected {close.Version})"),
            _ => (true, "none known"),
        };
    }

    private static bool Zero(OsvEvent e) => e.Kind == OsvEvent.Introduced && e.Version == "0";
}
