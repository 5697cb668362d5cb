using Rig.Engine.Profiles;

namespace Rig.Engine.Schemes;

/// <summary>
/// The conditions a scheme's not-applicable rules may ask of a device profile, kept to what a
/// profile declares: <c>constrained</c>, <c>not constrained</c>, <c>service NAME</c>, <c>no service NAME</c>,
/// <c>no update mechanism</c> (the profile declares <c>update: { method: none }</c>), <c>no network login</c>
/// (the profile declares <c>no_network_login: REASON</c>).
/// (EN 303 645 exempts constrained devices from some provisions; the profile must say so, and the report shows it.)
/// </summary>
public static class ProfileCondition
{
    public static bool IsValid(string when, out string why)
    {
        string[] words = when.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool ok = words switch
        {
            ["no", "service", _] or ["service", _] => true,
            ["constrained"] or ["not", "constrained"] => true,
            ["no", "update", "mechanism"] or ["no", "network", "login"] => true,
            _ => false,
        };
        why = ok ? string.Empty : $"unknown condition '{when}' (use: constrained, not constrained, service NAME, no service NAME, no update mechanism, no network login)";
        return ok;
    }

    /// <summary>Whether the profile meets the condition.</summary>
    public static bool Holds(string when, DeviceProfile profile)
    {
        string[] w = when.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return w switch
        {
            ["no", "service", var s] => profile.Services.All(x => x.Name != s),
            ["service", var s] => profile.Services.Any(x => x.Name == s),
            ["constrained"] => profile.Constrained,
            ["not", "constrained"] => !profile.Constrained,
            ["no", "update", "mechanism"] => profile.NoUpdateMechanism is not null,
            ["no", "network", "login"] => profile.NoNetworkLogin is not null,
            _ => false,
        };
    }

    /// <summary>The manufacturer's own words for a declared absence (why there is no update mechanism, no network login); null for other conditions.</summary>
    public static string? Statement(string when, DeviceProfile profile) =>
        string.Join(' ', when.Split(' ', StringSplitOptions.RemoveEmptyEntries)) switch
        {
            "no update mechanism" => profile.NoUpdateMechanism,
            "no network login" => profile.NoNetworkLogin,
            _ => null,
        };
}
