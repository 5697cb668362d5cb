using System.Globalization;

namespace Rig.Cli.Commands;

/// <summary>A day given on the command line (YYYY-MM-DD), or today in UTC when none was given.</summary>
internal static class Day
{
    public static DateOnly Parse(string option, string? text) =>
        text is null ? DateOnly.FromDateTime(DateTime.UtcNow)
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) ? day
        : throw new UsageException($"{option}: \"{text}\" is not a date (YYYY-MM-DD)");
}
