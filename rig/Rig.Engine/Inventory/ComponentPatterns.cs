using System.Text.RegularExpressions;

namespace Rig.Engine.Inventory;

/// <summary>
/// The components Rig recognises from the text a device shows (boot log lines, service banners,
/// HTTP Server headers, strings in a firmware image): each with the pattern whose "v" group is
/// the version, and where OSV records it. Upstream projects are named by their repository, as
/// OSV's GIT records are.
/// </summary>
public static class ComponentPatterns
{
    public sealed record Pattern(string Name, string Ecosystem, string Package, string Type, Regex Regex);

    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Budget);

    public static readonly IReadOnlyList<Pattern> Builtin =
    [
        // "Linux version 4.9.84 (builder@host) ..." as the kernel prints it first; the local suffix (-bpi-r4, +rpt-rpi-v8) is the build, not the version.
        new("linux", Ecosystems.Linux, Ecosystems.LinuxKernel, "operating-system", R(@"\bLinux version (?<v>\d{1,2}\.\d{1,3}(\.\d{1,4})?(-rc\d{1,2})?)")),
        // "BusyBox v1.29.3 (2019-01-24 ...) built-in shell", "init started: BusyBox v1.19.4", "fsck (busybox 1.36.1)"
        new("busybox", Ecosystems.Git, "https://git.busybox.net/busybox", "application", R(@"(?i)\bbusybox v?(?<v>\d{1,2}\.\d{1,3}\.\d{1,3})\b")),
        // "SSH-2.0-dropbear_2018.76", "dropbear v2018.76"
        new("dropbear", Ecosystems.Git, "https://github.com/mkj/dropbear", "application", R(@"(?i)\bdropbear[_ ]v?(?<v>20\d\d\.\d{1,3})\b")),
        // "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u7"
        new("openssh", Ecosystems.Git, "https://github.com/openssh/openssh-portable", "application", R(@"\bOpenSSH_(?<v>\d{1,2}\.\d{1,2}(p\d{1,2})?)")),
        // "OpenSSL 1.0.2k  26 Jan 2017", "OpenSSL/1.1.1k" in a Server header
        new("openssl", Ecosystems.Git, "https://github.com/openssl/openssl", "library", R(@"\bOpenSSL[ /](?<v>\d\.\d{1,2}\.\d{1,2}[a-z]{0,2})\b")),
        // "Server: lighttpd/1.4.45"
        new("lighttpd", Ecosystems.Git, "https://git.lighttpd.net/lighttpd/lighttpd1.4", "application", R(@"\blighttpd/(?<v>1\.\d{1,2}\.\d{1,3})\b")),
    ];

    /// <summary>Every component named on <paramref name="line"/> (a line may name several: "lighttpd/1.4.45 OpenSSL/1.0.2k").</summary>
    public static IEnumerable<(Pattern Pattern, string Version)> Find(string line)
    {
        foreach (Pattern p in Builtin)
        {
            Match m;
            try
            {
                m = p.Regex.Match(line);
            }
            catch (RegexMatchTimeoutException)
            {
                continue; // a line built to stall the pattern names nothing
            }

            if (m.Success)
            {
                yield return (p, m.Groups["v"].Value);
            }
        }
    }
}
