using System.Text.RegularExpressions;

namespace Rig.Protocols.Net;

/// <summary>Prompts and timeouts for a telnet login attempt; the defaults suit busybox-style devices.</summary>
/// <remarks>A device profile overrides them for devices with other prompts or slow logins.</remarks>
public sealed record TelnetLoginOptions
{
    /// <summary>Matches a login prompt at the end of the output so far.</summary>
    public Regex LoginPrompt { get; init; } = new(@"(?i)(login|username|user name)\s*:\s*$", RegexOptions.CultureInvariant);

    /// <summary>Matches a password prompt at the end of the output so far.</summary>
    public Regex PasswordPrompt { get; init; } = new(@"(?i)password\s*:\s*$", RegexOptions.CultureInvariant);

    /// <summary>Matches a shell prompt at the end of the output so far.</summary>
    public Regex ShellPrompt { get; init; } = new(@"[#$>]\s*$", RegexOptions.CultureInvariant);

    /// <summary>Matches a refusal after the password; the whole line, so the result can quote it.</summary>
    public Regex Rejection { get; init; } = new(@"(?i)[^\r\n]*(incorrect|denied|failed|invalid)[^\r\n]*", RegexOptions.CultureInvariant);

    /// <summary>How long to wait for the first prompt after connecting.</summary>
    public TimeSpan PromptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the answer to the user name or the password; must exceed the device's failure pause.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the shell to echo the nonce back.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the TCP connection (endpoint overload only).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
