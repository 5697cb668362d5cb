namespace Rig.Tests.Cli;

public class RunCommandTests
{
    [Test]
    public void OnePlanOnOneSlotKeepsItsJournalAndSignsOnlyWithAKey()
    {
        using var dir = new TempDir();
        string bench = dir.Write("bench.yaml", """
            bench: fast
            slots:
              cam:
                power: { backend: sim, personality: vcam-vulnerable, address: 127.0.0.2, telnet_port: 32324, state: cam/flash, boot_scale: 0.05 }
                console: { path: cam/console }
                cycle_off: 100ms
            """);
        string[] where = ["--bench", bench, "--state-root", dir["state"], "--slot", "cam", "--profile", "vcam-vulnerable"];

        var (exit, stdout, stderr) = RigProcess.Run(dir.Path, ["run", "UART-01", "--out", dir["run1"], .. where]);
        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stdout, Does.Contain("UART-01 FAIL: the console gave a root shell without any login"));
        Assert.That(stdout, Does.Contain("path: boot/cycle -> poke -> whoami"));
        Assert.That(File.Exists(Path.Combine(dir["run1"], "journal.jsonl")), Is.True);
        Assert.That(File.Exists(Path.Combine(dir["run1"], "report.html")), Is.False, "no key, no report");

        RigProcess.Run(dir.Path, "keys", "new", "--private", dir["k.pem"], "--public", dir["p.pem"]);
        var (signed, _, err2) = RigProcess.Run(dir.Path, ["run", "UART-01", "--out", dir["run2"], "--key", dir["k.pem"], .. where]);
        Assert.That(signed, Is.EqualTo(1), err2);
        OpenSsl.Result verified = OpenSsl.Run("dgst", "-sha256", "-verify", dir["p.pem"], "-signature", Path.Combine(dir["run2"], "report.html.sig"), Path.Combine(dir["run2"], "report.html"));
        Assert.That(verified.ExitCode, Is.EqualTo(0), verified.Stderr);
    }
}
