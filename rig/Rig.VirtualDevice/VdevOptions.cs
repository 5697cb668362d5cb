using System.Globalization;
using System.Net;

namespace Rig.VirtualDevice;

/// <summary>The command line of rig-vdev, validated.</summary>
internal sealed record VdevOptions(
    Personality Personality,
    string ConsolePath,
    string StateDir,
    IPAddress Address,
    int TelnetPort,
    TimeSpan LoginFailDelay,
    double BootScale,
    string? ReplayPath = null,
    int HttpPort = 8080,
    int FtpPort = 2121,
    int LockoutAfter = 5,
    TimeSpan? LockoutFor = null,
    int SshPort = 2222,
    (string User, string Password)? TelnetLogin = null)
{
    /// <summary>The pair telnet accepts: the universal one it ships with unless --telnet-login names another.</summary>
    public (string User, string Password) TelnetCredential => TelnetLogin ?? (Personality.TelnetUser, Personality.TelnetPassword);

    /// <summary>How long a locked-out login stays locked (default 60 s).</summary>
    public TimeSpan LockoutPeriod => LockoutFor ?? TimeSpan.FromSeconds(60);

    public const string Usage =
        """
        rig-vdev: a virtual IP camera, for checking a Rig bench and learning the tool.

        Usage: rig-vdev --personality NAME --console PATH --state DIR [options]
               rig-vdev --replay FILE --console PATH --state DIR [--boot-scale FACTOR]

          --personality NAME      vcam-vulnerable: root shell on the console, telnet and ssh that take root:xc3511
                                  vcam-hardened:   console and ssh login with a per-device password, no telnet
                                  vcam-partial:    like vcam-hardened, with the flaws of an in-between build
          --replay FILE           play a recorded console transcript (JSON lines) instead of a camera:
                                  its output with its timing, waiting at each tx step for that input;
                                  silent but powered at its end; no network
          --console PATH          where to link the device's serial console (a pseudo-terminal);
                                  the rig opens PATH like a UART
          --state DIR             the device's flash: boot counter, firmware version, password, log
          --address ADDR          its address, in 127.0.0.0/8 only (default 127.0.0.2)
          --telnet-port PORT      telnet port (default 2323, which Mirai scans too)
          --login-fail-delay SEC  pause after a failed login (default 3, like busybox login)
          --telnet-login USER:PASS the pair telnet accepts, vcam-vulnerable only (default root:xc3511);
                                  e.g. a pair late in a word list, so that a sweep has to work for it
          --http-port PORT        web admin UI port (default 8080)
          --ftp-port PORT         FTP port, vcam-vulnerable only (default 2121)
          --ssh-port PORT         sshd port (default 2222: ports below 1024 need privileges)
          --lockout-after N       failed logins that lock out HTTP, ssh and console, vcam-hardened only (default 5)
          --lockout-for SEC       how long the lockout lasts (default 60)
          --boot-scale FACTOR     multiplies the boot delays: 1 boots in about 3.5 s, 0.05 is fast (default 1);
                                  for a replay it scales the recorded times (0: as fast as possible)
          -h, --help              show this help

        Power on is starting it; SIGKILL is pulling the plug; SIGTERM stops it cleanly (removes the link).
        Exit codes: 0 clean stop, 1 start-up failure (details in DIR/vdev.log), 2 bad command line.

        """;

    /// <summary>Parses the arguments; null means --help was asked for.</summary>
    /// <exception cref="UsageException">A bad, missing, repeated or unknown flag; the message names it.</exception>
    public static VdevOptions? Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                return null;
            }

            string flag = arg;
            string? value = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                flag = arg[..eq];
                value = arg[(eq + 1)..];
            }

            if (!Known.Contains(flag))
            {
                throw new UsageException($"unknown flag '{Printable(flag)}' (see --help)");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{flag}: missing value");
                }

                value = args[++i];
            }

            if (!values.TryAdd(flag, value))
            {
                throw new UsageException($"{flag}: given twice");
            }
        }

        string? replay = values.ContainsKey("--replay") ? FullPath(values, "--replay") : null;
        Personality personality;
        if (replay is not null)
        {
            if (values.TryGetValue("--personality", out string? p) && p != Personality.Replay.Name)
            {
                throw new UsageException($"--personality: '{Printable(p)}' cannot be combined with --replay (the transcript is the device)");
            }

            if (NetworkFlags.FirstOrDefault(values.ContainsKey) is { } network)
            {
                throw new UsageException($"{network}: a replay has no network; drop it or drop --replay");
            }

            personality = Personality.Replay;
        }
        else
        {
            string personalityName = Required(values, "--personality");
            personality = Personality.Find(personalityName)
                ?? throw new UsageException(personalityName == Personality.Replay.Name
                    ? "--personality replay needs --replay FILE"
                    : $"--personality: unknown '{Printable(personalityName)}' (vcam-vulnerable, vcam-hardened or vcam-partial)");
        }

        return new VdevOptions(
            personality,
            FullPath(values, "--console"),
            FullPath(values, "--state"),
            ParseAddress(values.GetValueOrDefault("--address", "127.0.0.2")),
            ParsePort(values.GetValueOrDefault("--telnet-port", "2323")),
            TimeSpan.FromSeconds(ParseNumber(values, "--login-fail-delay", "3", 0, 600)),
            ParseNumber(values, "--boot-scale", "1", 0, 100),
            replay,
            ParsePort(values, "--http-port", "8080"),
            ParsePort(values, "--ftp-port", "2121"),
            (int)ParseNumber(values, "--lockout-after", "5", 1, 1000),
            TimeSpan.FromSeconds(ParseNumber(values, "--lockout-for", "60", 0, 86400)),
            ParsePort(values, "--ssh-port", "2222"),
            ParseLogin(values, personality));
    }

    private static readonly HashSet<string> Known =
        ["--personality", "--replay", "--console", "--state", "--address", "--telnet-port", "--telnet-login", "--login-fail-delay", "--boot-scale",
         "--http-port", "--ftp-port", "--ssh-port", "--lockout-after", "--lockout-for"];

    private static readonly string[] NetworkFlags = ["--address", "--telnet-port", "--telnet-login", "--login-fail-delay", "--http-port", "--ftp-port", "--ssh-port", "--lockout-after", "--lockout-for"];

    private static string Required(Dictionary<string, string> values, string flag) =>
        values.TryGetValue(flag, out string? v) && v.Length > 0 ? v : throw new UsageException($"{flag} is required");

    private static string FullPath(Dictionary<string, string> values, string flag)
    {
        string v = Required(values, flag);
        try
        {
            return Path.GetFullPath(v);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{flag}: bad path '{Printable(v)}' ({e.Message})");
        }
    }

    /// <summary>--telnet-login USER:PASS (the password may be empty, as in Mirai's "root:"); only a camera with telnet takes it.</summary>
    private static (string, string)? ParseLogin(Dictionary<string, string> values, Personality personality)
    {
        if (!values.TryGetValue("--telnet-login", out string? v))
        {
            return null;
        }

        int colon = v.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || v.Any(char.IsControl))
        {
            throw new UsageException($"--telnet-login: '{Printable(v)}' is not USER:PASSWORD (one line, a non-empty user)");
        }

        if (!personality.Telnet)
        {
            throw new UsageException($"--telnet-login: {personality.Name} has no telnet service");
        }

        return (v[..colon], v[(colon + 1)..]);
    }

    private static IPAddress ParseAddress(string v)
    {
        // Only loopback: a virtual device must never listen on a real network.
        if (!IPAddress.TryParse(v, out IPAddress? a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || a.GetAddressBytes()[0] != 127 || v.Count(c => c == '.') != 3)
        {
            throw new UsageException($"--address: '{Printable(v)}' is not an address in 127.0.0.0/8");
        }

        return a;
    }

    private static int ParsePort(string v) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536
            ? p
            : throw new UsageException($"--telnet-port: '{Printable(v)}' is not a port number 1-65535");

    private static int ParsePort(Dictionary<string, string> values, string flag, string fallback)
    {
        string v = values.GetValueOrDefault(flag, fallback);
        return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536
            ? p
            : throw new UsageException($"{flag}: '{Printable(v)}' is not a port number 1-65535");
    }

    private static double ParseNumber(Dictionary<string, string> values, string flag, string fallback, double min, double max)
    {
        string v = values.GetValueOrDefault(flag, fallback);
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) && d >= min && d <= max
            ? d
            : throw new UsageException($"{flag}: '{Printable(v)}' is not a number from {min} to {max}");
    }

    /// <summary>Command-line text in an error line: control characters escaped, length capped.</summary>
    internal static string Printable(string s)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in s.Length > 100 ? s[..100] : s)
        {
            sb.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
        }

        return sb.ToString();
    }
}

/// <summary>A command-line mistake: rig-vdev prints the message and exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
