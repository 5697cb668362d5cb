namespace Rig.VirtualDevice;

/// <summary>What kind of camera the virtual device plays: the weaknesses it has, or lacks.</summary>
/// <param name="Telnet">Runs a telnet service that takes <see cref="TelnetUser"/>/<see cref="TelnetPassword"/>.</param>
/// <param name="ConsoleLogin">The console asks for root's per-device password; otherwise it is a root shell.</param>
internal sealed record Personality(string Name, bool Telnet, bool ConsoleLogin)
{
    public static readonly Personality Vulnerable = new("vcam-vulnerable", Telnet: true, ConsoleLogin: false) { RiskyPorts = true, BootloaderInterruptible = true, LeaksSecrets = true };
    public static readonly Personality Hardened = new("vcam-hardened", Telnet: false, ConsoleLogin: true);

    /// <summary>In between, so reports show nuance: hardened, except where its own flags say otherwise.</summary>
    public static readonly Personality Partial = new("vcam-partial", Telnet: false, ConsoleLogin: true);

    /// <summary>Not a camera: the console plays a recorded transcript (rig-vdev --replay).</summary>
    public static readonly Personality Replay = new("replay", Telnet: false, ConsoleLogin: false);

    /// <summary>The versions of its kernel, BusyBox, Dropbear and lighttpd: old on every build but the hardened one.</summary>
    public DeviceSoftware Software => Name switch
    {
        "vcam-hardened" => DeviceSoftware.Current,
        "vcam-partial" => DeviceSoftware.Dated,
        _ => DeviceSoftware.Old,
    };

    /// <summary>Runs TR-069 (7547) and ADB (5555) stubs that its profile does not declare.</summary>
    public bool RiskyPorts { get; init; }

    /// <summary>bootdelay 1: a key during "Hit any key to stop autoboot" opens the U-Boot prompt; otherwise bootdelay -2.</summary>
    public bool BootloaderInterruptible { get; init; }

    /// <summary>Its boot log prints the Wi-Fi passphrase and a private key.</summary>
    public bool LeaksSecrets { get; init; }

    /// <summary>The universal pair, first in Mirai's list: what the vulnerable camera ships with.</summary>
    public const string TelnetUser = "root";
    public const string TelnetPassword = "xc3511";

    public const string Hostname = "vcam";

    /// <summary>A camera personality by name; <see cref="Replay"/> is chosen by --replay, not by name.</summary>
    public static Personality? Find(string name) =>
        new[] { Vulnerable, Hardened, Partial }.FirstOrDefault(p => p.Name == name);

    /// <summary>sshd runs (every camera build; not a replay). It checks root's password: the universal one on the vulnerable build
    /// (the same /etc/shadow telnetd's login reads), the per-device one elsewhere.</summary>
    public bool Ssh => Name != "replay";

    /// <summary>The web admin UI runs (every camera build; not a replay).</summary>
    public bool HttpAdmin => Name != "replay";

    /// <summary>The admin UI takes Basic admin:admin (the vulnerable build) instead of Digest with the per-device password.</summary>
    public bool HttpBasicAdmin => Name == "vcam-vulnerable";

    /// <summary>An FTP service with anonymous login and a writable scratch folder.</summary>
    public bool AnonymousFtp => Name == "vcam-vulnerable";

    /// <summary>HTTP, console and ssh logins lock out after repeated failures (--lockout-after, --lockout-for).</summary>
    public bool LocksOutLogins => Name == "vcam-hardened";
}
