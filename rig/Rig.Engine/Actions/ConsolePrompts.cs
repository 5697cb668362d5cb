namespace Rig.Engine.Actions;

/// <summary>
/// What a login or shell prompt looks like on a console, as the expect engine sees it (terminal
/// sequences dropped, a bare CR starting a line). Plans' YAML spells the same patterns.
/// </summary>
/// <remarks>
/// A prompt is a short line of printable characters at the very end of the output: the device
/// printed it and waits. Line start, printable context and the end anchor together make a random
/// byte stream fail them (tests/…/PromptNoiseTests feeds 100 MiB of it); a '$' anchor would also
/// match before every newline, and "# \n" turns up every few MiB of noise.
/// </remarks>
public static class ConsolePrompts
{
    /// <summary>A shell prompt: up to 48 printable characters (no '#' or '$') then "# " or "$ ", last in the output.</summary>
    public const string Shell = @"(?m)^[\x20-\x22\x25-\x7E]{0,48}[#$] \z";

    /// <summary>A login prompt ("vcam login: ", "Login: "), last in the output.</summary>
    public const string Login = @"(?im)^[\x20-\x7E]{0,48}login: ?\z";

    /// <summary>A password prompt, last in the output.</summary>
    public const string Password = @"(?i)password: ?\z";

    /// <summary>The booted system's prompt while keys are still being typed into it (their echo may follow it).</summary>
    public const string Booted = @"(?im)^[\x20-\x7E]{0,48}login: |^[\x20-\x22\x25-\x3C\x3F-\x7E]{0,48}[#$] ";
}
