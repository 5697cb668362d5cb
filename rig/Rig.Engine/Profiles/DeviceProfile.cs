using System.Net;

namespace Rig.Engine.Profiles;

/// <summary>What the manufacturer declares about a model (TS 103 701's IXIT), as far as the plans need it.</summary>
/// <remarks>Supplier-provided information: the report marks it as such.</remarks>
/// <param name="Constrained">The manufacturer declares a constrained device (EN 303 645's term): some provisions then do not apply.</param>
public sealed record DeviceProfile(
    string Name,
    string File,
    string Sha256,
    string Manufacturer,
    string Model,
    string? HardwareRevision,
    string? FirmwareVersion,
    IPAddress Address,
    IReadOnlyList<DeclaredService> Services,
    TimeSpan BootTime,
    TxPacing? Pacing = null,
    bool Constrained = false,
    IReadOnlyDictionary<string, LoginProtection>? Auth = null,
    UpdateDeclaration? Update = null)
{
    /// <summary>The brute-force protection the profile declares for a login (http, console, ...); null when none is declared.</summary>
    public LoginProtection? ProtectionOf(string login) => Auth?.GetValueOrDefault(login);

    /// <summary>Secret values the lab planted (Wi-Fi passphrase, admin password, tokens): none may ever appear on the console.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];

    /// <summary>The bootloader's declared autoboot stop string (U-Boot CONFIG_AUTOBOOT_STOP_STR), if it has one.</summary>
    public string? BootloaderStop { get; init; }

    /// <summary>The manufacturer's statement that the device has no update mechanism (<c>update: { method: none, because: ... }</c>), or null.</summary>
    public string? NoUpdateMechanism { get; init; }

    /// <summary>The manufacturer's statement that the device has no login on any network service (<c>no_network_login: REASON</c>), or null.</summary>
    public string? NoNetworkLogin { get; init; }

    /// <summary>The last day of the security support period the manufacturer declares (<c>support_until: 2029-12-31</c>; EN 303 645 5.3-13 requires it be published), or null.</summary>
    public DateOnly? SupportUntil { get; init; }

    /// <summary>A console command the manufacturer says closes the device's exposure (e.g. "killall telnetd").</summary>
    public string? MitigationCommand { get; init; }

    /// <summary>How many logins at once the device takes for <paramref name="service"/> on <paramref name="port"/>: 1 unless declared.</summary>
    public int ConcurrentLoginsOf(string service, int port) =>
        Services.FirstOrDefault(s => s.Name == service && s.Port == port)?.ConcurrentLogins ?? 1;

    /// <summary>Ports on which the profile declares <paramref name="service"/>.</summary>
    public IReadOnlyList<int> PortsOf(string service) =>
        Services.Where(s => s.Name == service).Select(s => s.Port).ToList();
}

/// <summary>A network service the device declares, e.g. telnet on 2323/tcp.</summary>
/// <param name="ConcurrentLogins">Logins the device takes at once on it (a sweep's sessions stay within it); 1 unless declared.</param>
public sealed record DeclaredService(string Name, int Port, string Protocol, int ConcurrentLogins = 1);

/// <summary>
/// How fast the rig may type on this device's console: many bootloaders and consoles have no flow
/// control and drop characters sent back to back ("root" arriving as "orot").
/// </summary>
/// <param name="Chunk">Bytes written at once before pausing.</param>
/// <param name="Delay">Pause after each chunk.</param>
public sealed record TxPacing(int Chunk, TimeSpan Delay)
{
    public static readonly TxPacing None = new(int.MaxValue, TimeSpan.Zero);
}

/// <summary>
/// Declared brute-force protection of one login (TS 103 701 5.1-5): after <paramref name="LockoutAfter"/>
/// failed attempts, further attempts are refused for <paramref name="LockoutFor"/>.
/// </summary>
public sealed record LoginProtection(int LockoutAfter, TimeSpan LockoutFor);
