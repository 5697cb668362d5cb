namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// What Rig reads of one OSV record (schema 1.6): its id and aliases, a summary, a severity, and
/// the packages it affects. <see cref="Source"/> names the file (and zip entry) it came from.
/// </summary>
public sealed record OsvRecord(string Id, IReadOnlyList<string> Aliases, string Summary, OsvSeverity Severity, IReadOnlyList<OsvAffected> Affected, string Source)
{
    /// <summary>The CVE id among the id and aliases, when there is one: what a lab looks up.</summary>
    public string? Cve => new[] { Id }.Concat(Aliases).FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal));

    /// <summary>When the record was first published (OSV's "published", RFC 3339), if it says: since when the vulnerability is known.</summary>
    public string? Published { get; init; }
}

/// <summary>One <c>affected[]</c> entry: a package (ecosystem and name), its ranges and its listed versions.</summary>
public sealed record OsvAffected(string Ecosystem, string Name, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions);

/// <summary>One <c>ranges[]</c> entry: its type (ECOSYSTEM, SEMVER, GIT) and events in the order given.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);

/// <summary>introduced, fixed, last_affected or limit, with its version.</summary>
public sealed record OsvEvent(string Kind, string Version)
{
    public const string Introduced = "introduced";
    public const string Fixed = "fixed";
    public const string LastAffected = "last_affected";
    public const string Limit = "limit";

    public static readonly string[] Kinds = [Introduced, Fixed, LastAffected, Limit];
}

/// <summary>A record's severity: a rating word (CRITICAL, HIGH, MEDIUM, LOW, or "unknown") and, from a CVSS v3 vector, its base score.</summary>
public sealed record OsvSeverity(string Rating, double? Score = null, string? Vector = null)
{
    public static readonly OsvSeverity Unknown = new("unknown");

    public override string ToString() => Score is { } s ? $"{Rating} (CVSS {Cvss3.Format(s)})" : Rating;
}
