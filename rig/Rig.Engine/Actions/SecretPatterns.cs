using System.Text.RegularExpressions;

namespace Rig.Engine.Actions;

/// <summary>
/// What a secret looks like in console output (security catalog §2.3 seeds). A pattern's
/// <c>secret</c> group is the part a verdict redacts; a PEM header is shown as it is.
/// </summary>
/// <remarks>
/// A redaction is not a secret: a value that starts like a placeholder (<c>&lt;redacted&gt;</c>,
/// <c>[hidden]</c>, <c>****</c>, <c>(null)</c>, <c>${VAR}</c>) or is empty (the line ends after
/// the '=') is no finding, so a
/// hardened firmware that logs <c>psk=&lt;redacted&gt;</c> passes. Expressed in the patterns
/// themselves (they run on the linear-time engine, which has no look-arounds).
/// </remarks>
public static class SecretPatterns
{
    /// <summary>One kind of secret: a name for the report and its pattern over one line.</summary>
    public sealed record Kind(string Name, Regex Pattern);

    /// <summary>A value's first character that no placeholder starts with (then the rest of the value).</summary>
    private const string Value = @"(?:[^\s""}<\[*($]|\$[^\s""}{])";

    private static Regex R(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    public static IReadOnlyList<Kind> Builtin { get; } =
    [
        new("private key", R(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")),
        new("Wi-Fi passphrase", R(@"(?i)\b(?:wpa_passphrase|psk)[ \t]*[=:][ \t]*""?(?<secret>" + Value + @"[^\s""}]{3,127})")),
        new("password", R(@"(?i)\b(?:password|passwd|pwd)[ \t]*[=:][ \t]*""?(?<secret>" + Value + @"[^\s""}]{2,127})")),
        new("token", R(@"(?i)\b(?:token|secret|api[_-]?key)[ \t]*[=:][ \t]*""?(?<secret>" + Value + @"[^\s""}]{5,255})")),
        new("credentials in a URL", R(@"://[^\s:/@]{1,64}:(?<secret>[^\s@/<\[*(][^\s@/]{0,63})@")),
        new("AWS access key", R(@"\b(?<secret>AKIA[0-9A-Z]{16})\b")),
        new("JSON web token", R(@"\b(?<secret>eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)")),
    ];

    /// <summary>Keeps the first two characters of <paramref name="secret"/> and its length: enough to recognise it, not to use it.</summary>
    public static string Redact(string secret) =>
        secret.Length <= 2 ? new string('*', secret.Length) : $"{secret[..2]}{new string('*', Math.Min(secret.Length - 2, 12))} ({secret.Length} chars)";
}
