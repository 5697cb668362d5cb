using System.CommandLine;
using Rig.Cli.Commands;
using Rig.Reports;
using Rig.Tests.Cli;

namespace Rig.Tests.Attestation;

/// <summary>A real run on the virtual camera writes the attested folder; the real rig executable verifies it.</summary>
public class VerifyCommandTests
{
    private TempDir _dir = null!;

    private string Run => _dir["run"];

    [OneTimeSetUp]
    public void RunAndSign()
    {
        _dir = new TempDir();
        string bench = _dir.Write("bench.yaml", """
            bench: fast
            slots:
              cam:
                power: { backend: sim, personality: vcam-vulnerable, address: 127.0.0.2, telnet_port: 32371, state: cam/flash, boot_scale: 0.05 }
                console: { path: cam/console }
                cycle_off: 100ms
            """);
        var (made, _, madeErr) = RigProcess.Run(_dir.Path, "keys", "new", "--private", _dir["k.pem"], "--public", _dir["p.pem"]);
        Assert.That(made, Is.Zero, madeErr);
        var (exit, _, stderr) = RigProcess.Run(_dir.Path, "run", "UART-01", "--out", Run, "--key", _dir["k.pem"],
            "--bench", bench, "--state-root", _dir["state"], "--slot", "cam", "--profile", "vcam-vulnerable");
        Assert.That(exit, Is.EqualTo(1), stderr); // the vulnerable camera fails UART-01
    }

    [OneTimeTearDown]
    public void Clean() => _dir.Dispose();

    [Test]
    public void AnUntouchedRunFolderVerifiesOneLinePerCheck()
    {
        var (exit, stdout, stderr) = RigProcess.Run(_dir.Path, "verify", Run, "--key", _dir["p.pem"]);

        Assert.That(exit, Is.Zero, stdout + stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]), Is.EqualTo(new[]
        {
            "ok    signature", "ok    key fingerprint", "ok    envelope signature", "ok    statement",
            "ok    subject report.html", "ok    subject console.raw", "ok    subject journal.jsonl", "ok    subject junit.xml",
            "verified",
        }));
        Assert.That(File.ReadAllText(Path.Combine(Run, "junit.xml")), Does.Contain("<testcase name=\"UART-01: "));
    }

    [Test]
    public void AChangedConsoleLogFailsExactlyItsSubject()
    {
        using var copy = new TempDir();
        foreach (string f in Directory.GetFiles(Run))
        {
            File.Copy(f, copy.File(Path.GetFileName(f)));
        }

        byte[] raw = File.ReadAllBytes(copy["console.raw"]);
        raw[raw.Length / 2] ^= 0x01;
        File.WriteAllBytes(copy["console.raw"], raw);

        var (exit, stdout, _) = RigProcess.Run(_dir.Path, "verify", copy.Path, "--key", _dir["p.pem"]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]),
            Is.EqualTo(new[] { "FAIL  subject console.raw" }));
        Assert.That(stdout, Does.Contain("NOT verified: 1 of 8 checks failed"));
    }

    [Test]
    public void TheTemplateOptionRefusesRawOutputBeforeAnythingRuns()
    {
        string template = _dir.Write("tpl/report.html.hbs", "<!doctype html><html><head>{{reportHead}}</head><body>{{{title}}}</body></html>");
        var option = new TemplateOption();
        var command = new Command("certify");
        option.AddTo(command);

        Assert.That(option.Get(command.Parse([])).TemplateDir, Is.Null);
        var e = Assert.Throws<ReportTemplateException>(() => option.Get(command.Parse(["--template", Path.GetDirectoryName(template)!])));
        Assert.That(e!.Message, Does.StartWith(template + ":1:").And.Contain("raw output"));
    }
}
