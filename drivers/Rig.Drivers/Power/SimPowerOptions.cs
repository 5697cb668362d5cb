namespace Rig.Drivers.Power;

/// <summary>Power for the virtual device: on starts its process, off kills it (pulling the plug).</summary>
/// <param name="Personality">vcam-vulnerable, vcam-hardened or vcam-partial; "replay" with a <paramref name="Transcript"/>.</param>
/// <param name="ConsolePath">Where the device links its pseudo-terminal while powered; the slot's console opens this path.</param>
/// <param name="StateDir">The device's flash: survives power cycles; also holds its pid file and log.</param>
/// <param name="Address">Its loopback address, 127.0.0.N, so several can run at once.</param>
/// <param name="TelnetPort">Where its telnet listens (vulnerable personality only).</param>
/// <param name="LoginFailDelay">Pause after a failed login; busybox waits about 3 s.</param>
/// <param name="BootScale">Multiplies boot delays (a replay's recorded times): 1 is realistic, 0.1 is fast for tests, 0 plays a transcript as fast as possible.</param>
/// <param name="HttpPort">Where its web admin UI listens (default 8080).</param>
/// <param name="FtpPort">Where its FTP service listens, vulnerable personality only (default 2121).</param>
/// <param name="SshPort">Where its sshd listens (default 2222).</param>
/// <param name="LockoutFor">How long a locked-out login stays locked on the hardened personality (default 60 s).</param>
/// <param name="TelnetLogin">USER:PASSWORD that telnet accepts instead of the universal pair it ships with (vulnerable personality only).</param>
/// <param name="Transcript">A recorded console transcript (JSON lines) the device replays instead of being a camera; it has no network then.</param>
/// <param name="StartLimit">How long the device process may take to start before power-on counts as a rig fault (default 20 s; longer for an emulated or very slow controller).</param>
public sealed record SimPowerOptions(
    string Personality,
    string ConsolePath,
    string StateDir,
    string Address = "127.0.0.2",
    int TelnetPort = 2323,
    TimeSpan? LoginFailDelay = null,
    double BootScale = 1.0,
    string? Transcript = null,
    int? HttpPort = null,
    int? FtpPort = null,
    TimeSpan? LockoutFor = null,
    int? SshPort = null,
    string? TelnetLogin = null,
    TimeSpan? StartLimit = null);
