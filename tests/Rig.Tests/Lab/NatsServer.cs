using System.Diagnostics;
using System.Net.Sockets;
using Rig.Tests.Cli;
using Rig.Tests.VirtualDevice;

namespace Rig.Tests.LabOnNats;

/// <summary>
/// The Debian package's nats-server on loopback, with JetStream on a temporary store, TLS from a
/// CA made here by openssl, and the users <c>rig lab nats-users</c> writes: a lab user and one
/// agent user per bench, limited to its bench. Passwords are environment variables, as in a
/// lab. Restartable on the same store and port, as a lab's server restarts; killed on dispose.
/// </summary>
internal sealed class NatsServer : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private Process? _process;

    public NatsServer(string labUser, IEnumerable<string> benches)
    {
        Port = TestDevice.FreePort("127.0.0.1");
        MakeCertificates();
        string[] agents = [.. benches];
        foreach (string user in agents.Prepend(labUser))
        {
            _passwords[user] = "p" + Guid.NewGuid().ToString("N"); // a letter first: nats-server reads the variable as a config value
            Environment.SetEnvironmentVariable(PasswordVariable(user), _passwords[user]); // for nats-server and for the rigs this test starts
        }

        var (made, users, err) = RigProcess.Run(_dir.Path, ["lab", "nats-users", "--user", labUser, .. agents.SelectMany(b => new[] { "--agent", b })]);
        Assert.That(made, Is.Zero, err);
        File.WriteAllText(_dir["users.conf"], users);
        File.WriteAllText(_dir["nats.conf"], $$"""
            listen: 127.0.0.1:{{Port}}
            jetstream { store_dir: "{{_dir["store"]}}" }
            tls { cert_file: "{{_dir["server.pem"]}}", key_file: "{{_dir["server.key"]}}", ca_file: "{{_dir["ca.pem"]}}" }
            include users.conf
            """);
        Start();
    }

    public int Port { get; }

    public string Url => $"tls://127.0.0.1:{Port}";

    public string CaFile => _dir["ca.pem"];

    public string Password(string user) => _passwords[user];

    /// <summary>The environment variable that holds a user's password (the name rig lab nats-users gives it).</summary>
    public static string PasswordVariable(string user) => "RIG_NATS_" + user.ToUpperInvariant().Replace('-', '_');

    public void Start()
    {
        var info = new ProcessStartInfo("nats-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(_dir["nats.conf"]);
        _process = Process.Start(info)!;
        var said = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { lock (said) { said.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!Accepts())
        {
            Assert.That(_process.HasExited, Is.False, () => { lock (said) { return $"nats-server ended at start:\n{said}"; } });
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "nats-server did not listen within 30 s");
            Thread.Sleep(50);
        }
    }

    /// <summary>Stops the server at once (SIGKILL: nothing flushed on purpose), as a crash or a power cut would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _dir.Dispose();
        foreach (string user in _passwords.Keys)
        {
            Environment.SetEnvironmentVariable(PasswordVariable(user), null);
        }
    }

    private bool Accepts()
    {
        try
        {
            using var c = new TcpClient();
            c.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void MakeCertificates()
    {
        File.WriteAllText(_dir["san.cnf"], "subjectAltName=IP:127.0.0.1\n");
        Ok(OpenSsl.Run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=rig test lab CA",
            "-keyout", _dir["ca.key"], "-out", _dir["ca.pem"]));
        Ok(OpenSsl.Run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", _dir["server.key"], "-out", _dir["server.csr"]));
        Ok(OpenSsl.Run("x509", "-req", "-in", _dir["server.csr"], "-CA", _dir["ca.pem"], "-CAkey", _dir["ca.key"], "-CAcreateserial", "-days", "2",
            "-extfile", _dir["san.cnf"], "-out", _dir["server.pem"]));
    }

    private static void Ok(OpenSsl.Result r) => Assert.That(r.ExitCode, Is.Zero, r.Stderr);
}
