using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rig.Tests.Support;

/// <summary>
/// A fast virtual bench in a temp folder: the three camera personalities on loopback addresses and
/// free ports of their own (so parallel runs never collide), with short login pauses and a 2 s
/// lockout, and copies of the shipped profiles pointed at those addresses and ports.
/// </summary>
internal sealed class VirtualBench : IDisposable
{
    public static readonly string[] Personalities = ["vcam-vulnerable", "vcam-hardened", "vcam-partial"];

    public const string LockoutFor = "2s";

    private readonly TempDir _dir = new();

    public VirtualBench()
    {
        // A random 127.x.y.z block per bench: other test runs on this machine use 127.0.0.2-4.
        int block = Random.Shared.Next(16, 250);
        var slots = new System.Text.StringBuilder("bench: netsvc\nslots:\n");
        foreach ((string personality, int i) in Personalities.Select((p, i) => (p, i)))
        {
            string address = $"127.{block}.{Random.Shared.Next(1, 250)}.{i + 2}";
            int telnet = FreePort(address), http = FreePort(address), ftp = FreePort(address), ssh = FreePort(address);
            slots.Append($"""
                  {personality}:
                    power: {"{"} backend: sim, personality: {personality}, address: {address}, telnet_port: {telnet}, http_port: {http}, ftp_port: {ftp}, ssh_port: {ssh}, lockout_for: {LockoutFor}, login_fail_delay: 0.05s, state: {personality}/flash, boot_scale: 0.05 {"}"}
                    console: {"{"} path: {personality}/console {"}"}
                    cycle_off: 100ms

                """);
            string profile = TestPaths.ProfileText(personality);
            profile = Regex.Replace(profile, @"(?m)^address: .*$", $"address: {address}");
            profile = Regex.Replace(profile, @"telnet: \{ port: \d+ \}", $"telnet: {{ port: {telnet} }}");
            profile = Regex.Replace(profile, @"http: \{ port: \d+ \}", $"http: {{ port: {http} }}");
            profile = Regex.Replace(profile, @"ftp: \{ port: \d+ \}", $"ftp: {{ port: {ftp} }}");
            profile = Regex.Replace(profile, @"ssh: \{ port: \d+ \}", $"ssh: {{ port: {ssh} }}");
            profile = profile.Replace("lockout_for: 60s", $"lockout_for: {LockoutFor}", StringComparison.Ordinal);
            _dir.WriteProfile($"profiles/{personality}.yaml", profile);
        }

        BenchFile = _dir.Write("bench.yaml", slots.ToString());
    }

    public string BenchFile { get; }

    public string Path => _dir.Path;

    public string ProfileFile(string personality) => _dir[$"profiles/{personality}.yaml"];

    public string StateRoot => _dir["state"];

    public static int FreePort(string address)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public void Dispose() => _dir.Dispose();
}
