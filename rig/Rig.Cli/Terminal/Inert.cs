using Rig.Reports.Text;

namespace Rig.Cli.Terminal;

/// <summary>
/// Text for the operator's terminal and rig's progress and log lines, made inert the way the
/// report does it (<see cref="DeviceText"/>): escape sequences dropped, control and bidi
/// characters shown as visible markers, and one line stays one line (a line break or a lone
/// carriage return, which could overwrite "FAIL" with "PASS", becomes a visible ␊).
/// </summary>
public static class Inert
{
    /// <summary>Longest line rig prints from data it did not write itself.</summary>
    public const int MaxChars = 4000;

    /// <summary>One inert line; null becomes empty.</summary>
    public static string Line(string? text) =>
        text is null ? string.Empty : DeviceText.Show(text, MaxChars)!.Replace("\n", "\u240A", StringComparison.Ordinal);
}
