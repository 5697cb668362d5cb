using System.Text.Json;

namespace Rig.Tests.Qemu;

/// <summary>
/// The shipped QEMU recipe (testplans/benches/qemu) as a two-slot bench in a temporary folder:
/// slot v runs the vulnerable configuration on 127.0.0.21, slot h the hardened one on 127.0.0.22,
/// as the profiles qcam-vulnerable and qcam-hardened declare.
/// </summary>
internal sealed class QemuBench : IDisposable
{
    private readonly TempDir _dir = new();

    public QemuBench()
    {
        string script = Path.Combine(TestPaths.TestPlans, "benches", "qemu", "qemu-device.sh");
        string Slot(string slot, string config, string address, string forwards)
        {
            string state = _dir[Path.Combine("state", slot)];
            return $"""
                  {slot}:
                    power:
                      backend: command
                      on: "sh '{script}' on '{state}' {config} {address} {forwards}"
                      off: "sh '{script}' off '{state}'"
                      state: "sh '{script}' state '{state}'"
                      timeout: 60s
                    console: {"{"} path: {slot}/console {"}"}
                    cycle_off: 1s

                """;
        }

        BenchFile = _dir.Write("bench.yaml", "bench: qemu-test\nslots:\n"
            + Slot("v", "vulnerable", "127.0.0.21", "2323:23,8080:80,7547:7547")
            + Slot("h", "hardened", "127.0.0.22", "8080:80"));
        Cli.RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir["k.pem"], "--public", _dir["p.pem"]);
        Script = script;
    }

    public string BenchFile { get; }

    public string Script { get; }

    public string Root => _dir.Path;

    public string this[string name] => _dir[name];

    /// <summary>Whether this machine has what the recipe boots (scripts/install-test-deps.sh installs it).</summary>
    public static string? Missing()
    {
        bool qemu = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "qemu-system-x86_64")));
        bool kernel = Directory.Exists("/boot") && Directory.GetFiles("/boot", "vmlinuz-*").Length > 0;
        bool busybox = File.Exists("/bin/busybox");
        return qemu && kernel && busybox ? null : "needs qemu-system-x86, linux-image-amd64 and busybox-static (scripts/install-test-deps.sh)";
    }

    /// <summary>Starts <c>rig certify</c> on a slot with the given plan arguments (--scheme ... or --plan ...).</summary>
    public Cli.RigProcess Certify(string slot, string profile, string outDir, params string[] planArgs) =>
        Cli.RigProcess.Start(Root, ["certify", "--bench", BenchFile, "--state-root", _dir["state"], "--slot", slot,
            "--profile", TestPaths.Profile(profile), "--key", _dir["k.pem"], "--out", outDir, .. planArgs]);

    /// <summary>Every verdict of a run folder's journal: plan id to (verdict, reason).</summary>
    public static Dictionary<string, (string Verdict, string Reason)> Verdicts(string outDir)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(outDir, "journal.jsonl")))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement e = doc.RootElement;
            if (e.GetProperty("ev").GetString() == "verdict")
            {
                result[e.GetProperty("plan").GetString()!] = (e.GetProperty("verdict").GetString()!, e.TryGetProperty("reason", out JsonElement r) ? r.GetString() ?? "" : "");
            }
        }

        return result;
    }

    /// <summary>Pulls both plugs, whatever a run left behind.</summary>
    public void Dispose()
    {
        foreach (string slot in new[] { "v", "h" })
        {
            using var off = System.Diagnostics.Process.Start("sh", [Script, "off", _dir[Path.Combine("state", slot)]]);
            off.WaitForExit(30_000);
        }

        _dir.Dispose();
    }
}
