namespace Rig.Reports.Certificates;

/// <summary>
/// The certificate's warning light: valid (green), or warning with the ids of the known
/// vulnerabilities that affect the device's inventory (an input: decided where the inventory
/// is matched, at issue or by a later recheck, never by the certificate itself).
/// </summary>
public sealed record CertificateStatus
{
    public const string ValidState = "valid";
    public const string WarningState = "warning";

    private CertificateStatus(string state, IReadOnlyList<string> ids)
    {
        State = state;
        Ids = ids;
    }

    /// <summary>No known vulnerability affects the device as far as the lab knows.</summary>
    public static CertificateStatus Valid { get; } = new(ValidState, []);

    public string State { get; }

    /// <summary>The known-vulnerability ids behind a warning (e.g. CVE or OSV ids); empty when valid.</summary>
    public IReadOnlyList<string> Ids { get; }

    public bool IsWarning => State == WarningState;

    /// <summary>A warning naming at least one vulnerability id.</summary>
    public static CertificateStatus Warning(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0
            ? throw new ArgumentException("a warning names the vulnerabilities behind it", nameof(ids))
            : new CertificateStatus(WarningState, [.. ids]);
    }
}
