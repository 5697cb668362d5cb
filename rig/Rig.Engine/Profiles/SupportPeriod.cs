using System.Globalization;
using Rig.Engine.Config;

namespace Rig.Engine.Profiles;

/// <summary>
/// <c>support_until: YYYY-MM-DD</c>: the last day the manufacturer declares it will provide
/// security updates (EN 303 645 5.3-13, ISVS 1.6.1). A certificate never outlives it.
/// </summary>
internal static class SupportPeriod
{
    public static DateOnly? Read(YamlMap root)
    {
        string? text = root.OptString("support_until");
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            throw root.Error(root.Get("support_until")!, $"support_until must be a date written YYYY-MM-DD (the last day of security support), not '{text}'");
        }

        if (date.Year is < 2000 or > 2199)
        {
            throw root.Error(root.Get("support_until")!, $"support_until {text} is not a plausible end of support (years 2000 to 2199)");
        }

        return date;
    }
}
