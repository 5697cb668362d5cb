namespace Rig.Reports.Certificates;

/// <summary>
/// The certificate's warning light: valid (green), or warning with the ids of the known
/// vulnerabilities that affect the device's inventory (an input: decided where the inventory
/// is matched, at issue or by a later recheck, never by the certificate itself); after issue a
/// recheck may also find it expired (past its last day) or revoked by the lab.
/// </summary>
public sealed record CertificateStatus
{
    public const string ValidState = "valid";
    public const string WarningState = "warning";
    public const string ExpiredState = "expired";
    public const string RevokedState = "revoked";

    /// <summary>Every state, in the order a recheck lets one override the next (revoked first).</summary>
    public static IReadOnlyList<string> States { get; } = [RevokedState, ExpiredState, WarningState, ValidState];

    /// <summary>What a valid status rests on when no inventory was matched: nothing, and the certificate says so.</summary>
    public const string Unchecked = "no warning recorded: the device's components were not matched against known vulnerabilities at issue";

    private CertificateStatus(string state, IReadOnlyList<string> ids, string basis)
    {
        State = state;
        Ids = ids;
        Basis = basis;
    }

    /// <summary>No warning: nothing was matched, so the light is green without a claim that nothing is known.</summary>
    public static CertificateStatus Valid { get; } = new(ValidState, [], Unchecked);

    /// <summary>What the status rests on (e.g. "12 components matched against OSV on 2026-12-02: none affected").</summary>
    public string Basis { get; }

    public string State { get; }

    /// <summary>The known-vulnerability ids behind a warning (e.g. CVE or OSV ids); empty when valid.</summary>
    public IReadOnlyList<string> Ids { get; }

    public bool IsWarning => State == WarningState;

    /// <summary>A status read back from a signed file: its state must be one of <see cref="States"/>; a warning names ids.</summary>
    public static CertificateStatus? Parse(string? state, IReadOnlyList<string> ids, string basis) =>
        state switch
        {
            ValidState => Checked(basis),
            WarningState when ids.Count > 0 => Warning(ids, basis),
            ExpiredState => Expired(basis, ids),
            RevokedState => Revoked(basis, ids),
            _ => null,
        };

    /// <summary>Past its last day of validity; <paramref name="ids"/> are any known vulnerabilities found as well.</summary>
    public static CertificateStatus Expired(string basis, IReadOnlyList<string>? ids = null) => new(ExpiredState, [.. ids ?? []], basis);

    /// <summary>Withdrawn by the lab; <paramref name="basis"/> says when and why.</summary>
    public static CertificateStatus Revoked(string basis, IReadOnlyList<string>? ids = null) => new(RevokedState, [.. ids ?? []], basis);

    /// <summary>Valid after the inventory was matched and nothing known affects it; <paramref name="basis"/> says what was matched against what, when.</summary>
    public static CertificateStatus Checked(string basis) => new(ValidState, [], basis);

    /// <summary>A warning naming at least one vulnerability id.</summary>
    public static CertificateStatus Warning(IReadOnlyList<string> ids, string basis = "known vulnerabilities affect the device's components")
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0
            ? throw new ArgumentException("a warning names the vulnerabilities behind it", nameof(ids))
            : new CertificateStatus(WarningState, [.. ids], basis);
    }
}
