using Rig.Tests.Cli;

namespace Rig.Tests.Hostile;

/// <summary>
/// Device bytes never reach the operator's terminal raw: a replayed console answers <c>id</c> with
/// an OSC 52 clipboard write, a window-title sequence and a line erase that would paint "PASS" over
/// "FAIL"; the real rig prints UART-01's verdict quoting that answer, and its output holds none of
/// the sequences.
/// </summary>
public class TerminalSafetyTests
{
    private const string Osc52 = "\u001b]52;c;aGk=\u0007";
    private const string Title = "\u001b]0;ok\u0007";
    private const string Erase = "\u001b[2K\u001b[1G";

    [Test]
    public void AVerdictQuotingHostileDeviceTextIsInertOnTheTerminal()
    {
        using var dir = new TempDir();
        string answer = Osc52 + Title + Erase + "PASS";
        string recorded = File.ReadAllText(Path.Combine(TestPaths.TestPlans, "transcripts", "vcam-vulnerable-boot.jsonl"));
        Assert.That(recorded, Does.Contain("uid=0(root) gid=0(root)"));
        string transcript = dir.Write("hostile.jsonl", recorded.Replace("uid=0(root) gid=0(root)", "uid=0(" + Escaped(answer) + ") gid=0(root)", StringComparison.Ordinal));
        string bench = dir.Write("bench.yaml", $$"""
            bench: hostile
            slots:
              r1:
                power: { backend: sim, personality: replay, transcript: '{{transcript}}', state: r1/flash, boot_scale: 0.05 }
                console: { path: r1/console }
                cycle_off: 50ms
            """);
        string profile = dir.WriteProfile("profile.yaml", TestPaths.ProfileText("vcam-vulnerable"));

        var (exit, stdout, stderr) = RigProcess.Run(dir.Path, "run", "UART-01", "--bench", bench, "--state-root", dir["state"], "--slot", "r1", "--profile", profile, "--out", dir["out"]);

        Assert.That(exit, Is.EqualTo(1), stderr);
        string capture = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(dir["out/console.raw"]));
        Assert.That(capture, Does.Contain(answer), "the capture holds the OSC 52, title and erase sequences");
        Assert.That(stdout, Does.Contain("UART-01 FAIL: the console gave a root shell without any login: id answered uid=0("));
        string terminal = stdout + stderr;
        Assert.That(terminal, Does.Not.Contain("\u001b"), "no escape sequence of any kind");
        Assert.That(terminal, Does.Not.Contain("\u0007"), "no BEL (ends OSC sequences)");
        Assert.That(terminal, Does.Not.Contain("\r"), "no carriage return to overwrite the line");
        Assert.That(terminal, Does.Not.Contain("]52;"), "the clipboard write is dropped, not half shown");
    }

    private static string Escaped(string s) => string.Concat(s.Select(c => c < 0x20 ? $"\\u{(int)c:x4}" : c.ToString()));
}
