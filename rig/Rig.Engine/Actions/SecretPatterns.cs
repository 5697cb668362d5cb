using System.Text.RegularExpressions;

namespace Rig.Engine.Actions;

/// <summary>
/// What a secret looks like in console output (security catalog §2.3 seeds). A pattern's
/// <c>secret</c> group is the part a verdict redacts; a PEM header is shown as it is.
/// </summary>
public static class SecretPatterns
{
    /// <summary>One kind of secret: a name for the report and its pattern over one line.</summary>
    public sealed record Kind(string Name, Regex Pattern);

    private static Regex R(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));

    public static IReadOnlyList<Kind> Builtin { get; } =
    [
        new("private key", R(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")),
        new("Wi-Fi passphrase", R(@"(?i)\b(?:wpa_passphrase|psk)\s*[=:]\s*""?(?<secret>[^\s""}]{4,128})")),
        new("password", R(@"(?i)\b(?:password|passwd|pwd)\s*[=:]\s*""?(?<secret>[^\s""}]{3,128})")),
        new("token", R(@"(?i)\b(?:token|secret|api[_-]?key)\s*[=:]\s*""?(?<secret>[^\s""}]{6,256})")),
        new("credentials in a URL", R(@"://[^\s:/@]{1,64}:(?<secret>[^\s@/]{1,64})@")),
        new("AWS access key", R(@"\b(?<secret>AKIA[0-9A-Z]{16})\b")),
        new("JSON web token", R(@"\b(?<secret>eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)")),
    ];

    /// <summary>Keeps the first two characters of <paramref name="secret"/> and its length: enough to recognise it, not to use it.</summary>
    public static string Redact(string secret) =>
        secret.Length <= 2 ? new string('*', secret.Length) : $"{secret[..2]}{new string('*', Math.Min(secret.Length - 2, 12))} ({secret.Length} chars)";
}
