namespace Rig.VirtualDevice;

/// <summary>
/// The ssh-userauth service (RFC 4252): password only. "none" and "publickey" are answered with a
/// failure that lists password; a wrong password costs the personality's login pause; after
/// <see cref="MaxAuthTries"/> failures the connection is closed, as OpenSSH's MaxAuthTries does.
/// </summary>
internal sealed class SshAuth(SshPacketStream stream, DeviceContext device, string where, LoginLockout? lockout)
{
    public const int MaxAuthTries = 6;
    private const string Connection = "ssh-connection";

    /// <summary>Runs until a login succeeds (true) or the client gave up or used its tries (false).</summary>
    public bool Run(string user, string password)
    {
        byte[] request = stream.Read();
        var r = new SshReader(request.AsSpan(1));
        if (request[0] != SshMsg.ServiceRequest || r.Text() != "ssh-userauth")
        {
            throw new SshProtocolException("expected a request for ssh-userauth", SshMsg.ServiceNotAvailable);
        }

        stream.Write(new SshWriter(SshMsg.ServiceAccept).String("ssh-userauth").ToArray());
        int failures = 0;
        bool askedNone = false;
        while (true)
        {
            byte[] m = stream.Read();
            if (m[0] is SshMsg.Ignore or SshMsg.Debug)
            {
                continue;
            }

            if (m[0] != SshMsg.UserauthRequest)
            {
                throw new SshProtocolException($"message {m[0]} before login");
            }

            r = new SshReader(m.AsSpan(1));
            string name = r.Text();
            string service = r.Text();
            string method = r.Text();
            if (service != Connection)
            {
                throw new SshProtocolException($"login for unknown service '{DeviceLog.Safe(service)}'", SshMsg.ServiceNotAvailable);
            }

            bool counts = true;
            if (method == "password" && !r.Bool())
            {
                if (PasswordCheck.Verify(device, where, lockout, name, r.Text(), user, password, failures))
                {
                    stream.Write([SshMsg.UserauthSuccess]);
                    return true;
                }
            }
            else if (method == "none" && !askedNone)
            {
                counts = false; // a client asks "none" first to learn the methods; sshd does not count it
                askedNone = true;
            }

            failures += counts ? 1 : 0;
            if (failures >= MaxAuthTries)
            {
                device.Log.Write($"{where}: too many authentication failures for {DeviceLog.Safe(name)}");
                stream.Disconnect(SshMsg.NoMoreAuthMethods, "Too many authentication failures");
                return false;
            }

            stream.Write(new SshWriter(SshMsg.UserauthFailure).String("password").Bool(false).ToArray());
        }
    }
}
