
namespace Rig.VirtualDevice;

/// <summary>
/// The camera's services besides telnet: the web admin UI, sshd, FTP on the vulnerable build, and
/// the login lockouts of the hardened build (one per login service). Bound at power-on, started
/// when the boot is over.
/// </summary>
internal sealed class NetServices : IDisposable
{
    private NetServices(HttpAdminServer? http, SshServer? ssh, FtpServer? ftp, LoginLockout? consoleLockout)
    {
        Http = http;
        Ssh = ssh;
        Ftp = ftp;
        ConsoleLockout = consoleLockout;
    }

    public HttpAdminServer? Http { get; }

    public SshServer? Ssh { get; }

    public FtpServer? Ftp { get; }

    public LoginLockout? ConsoleLockout { get; }

    /// <summary>Binds the services of the device's personality. A port that cannot be bound leaves that service off (logged), so a
    /// busy 8080 on a shared machine does not stop the console and telnet that most benches rely on.</summary>
    public static NetServices Bind(DeviceContext device, StateStore store)
    {
        VdevOptions o = device.Options;
        Personality p = device.Personality;
        LoginLockout? Lockout() => p.LocksOutLogins ? new LoginLockout(o.LockoutAfter, o.LockoutPeriod) : null;

        // Digest uses the per-device password the flash keeps (the one on the camera's label).
        HttpAdminServer? http = p.HttpAdmin
            ? TryBind(device, () => HttpAdminServer.Bind(device, p.HttpBasicAdmin ? null : device.RootPassword ?? store.RootPassword(), Lockout(), o.HttpPort))
            : null;
        SshServer? ssh = p.Ssh
            ? TryBind(device, () => p.Telnet
                ? SshServer.Bind(device, store, Personality.TelnetUser, Personality.TelnetPassword, Lockout())
                : SshServer.Bind(device, store, "root", device.RootPassword ?? store.RootPassword(), Lockout()))
            : null;
        FtpServer? ftp = p.AnonymousFtp ? TryBind(device, () => FtpServer.Bind(device, o.FtpPort)) : null;
        return new NetServices(http, ssh, ftp, Lockout());
    }

    private static T? TryBind<T>(DeviceContext device, Func<T> bind)
        where T : class
    {
        try
        {
            return bind();
        }
        catch (IOException e)
        {
            device.Log.Write($"{e.Message}; the service stays off");
            return null;
        }
    }

    public void Start()
    {
        Http?.Start();
        Ssh?.Start();
        Ftp?.Start();
    }

    public void Dispose()
    {
        Http?.Dispose();
        Ssh?.Dispose();
        Ftp?.Dispose();
    }
}
