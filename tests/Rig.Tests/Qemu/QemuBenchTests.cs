using System.Text;

namespace Rig.Tests.Qemu;

/// <summary>
/// A real Linux among the test devices: a Debian kernel and busybox under QEMU (TCG), in a
/// vulnerable and a hardened configuration, certified by the rig as a lab would. The first run
/// certifies both against the baseline scheme (every plan's verdict is checked); four more runs
/// repeat the plans a real kernel and busybox decide (console, telnet, boot log, ports), so those
/// are right in five runs out of five. Both configurations run at the same time.
/// </summary>
[Category("qemu")]
[NonParallelizable]
public class QemuBenchTests
{
    private static readonly TimeSpan SchemeLimit = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan PlansLimit = TimeSpan.FromMinutes(10);

    /// <summary>The plans the issue names: decided by the real kernel and busybox, checked in every run.</summary>
    private static readonly string[] Repeated = ["SURF-01", "SURF-02", "CRED-01", "CRED-06", "UART-01", "LOG-01"];

    /// <summary>
    /// The vulnerable configuration: a root shell on the console without a login, telnetd with
    /// login accepting root:xc3511 (Mirai's first pair), httpd without a login, an undeclared
    /// TR-069 port (7547) and its Wi-Fi passphrase in the boot log; no update mechanism.
    /// </summary>
    private static readonly Dictionary<string, string> Vulnerable = new()
    {
        ["SURF-01"] = "fail",          // 7547 is open and not declared
        ["SURF-02"] = "fail",          // 7547 (TR-069) is a risky port nobody declared
        ["CRED-01"] = "fail",          // telnet accepts root:xc3511, proven by the nonce
        ["CRED-02"] = "pass",          // no SSH server answers on 22 or 2222
        ["CRED-03"] = "pass",          // the web server asks for no login: no default password to guess
        ["CRED-04"] = "pass",          // no FTP server answers
        ["CRED-06"] = "not-applicable", // the console gives a shell without a login: nothing to guess (UART-01 fails)
        ["AUTH-01"] = "fail",          // telnet judges every wrong password, one connection after another, without a lockout
        ["UART-01"] = "fail",          // id answers uid=0(root) on the console without a login
        ["BOOT-01"] = "pass",          // QEMU boots the kernel directly: the stop keys reach no bootloader, the boot goes on to the shell
        ["LOG-01"] = "fail",           // psk=... and the planted canary in the boot log
        ["RES-04"] = "fail",           // killall telnetd does not survive a power cycle: telnetd starts again at boot
        ["UPD-01"] = "fail",           // the profile declares no update mechanism: 5.3-2 fails
        ["UPD-02"] = "not-applicable", // no updates to verify
        ["UPD-03"] = "not-applicable",
        ["UPD-04"] = "fail",
        ["UPD-05"] = "fail",
    };

    /// <summary>
    /// The hardened configuration: getty and login with the per-device root password on the
    /// console, no telnet, httpd without a login (the profile declares no network login), nothing
    /// secret printed; no update mechanism.
    /// </summary>
    private static readonly Dictionary<string, string> Hardened = new()
    {
        ["SURF-01"] = "pass",          // only the declared 8080 is open
        ["SURF-02"] = "pass",          // no risky port is open
        ["CRED-01"] = "pass",          // no telnet server answers
        ["CRED-02"] = "pass",
        ["CRED-03"] = "pass",
        ["CRED-04"] = "pass",
        ["CRED-06"] = "pass",          // the console login refuses every default pair
        ["AUTH-01"] = "not-applicable", // the profile declares no network login, with its reason
        ["UART-01"] = "pass",          // the console asks for a login
        ["BOOT-01"] = "pass",
        ["LOG-01"] = "pass",           // no secret and no canary in the boot log
        ["RES-04"] = "pass",           // no telnet: nothing to mitigate
        ["UPD-01"] = "fail",
        ["UPD-02"] = "not-applicable",
        ["UPD-03"] = "not-applicable",
        ["UPD-04"] = "fail",
        ["UPD-05"] = "fail",
    };

    /// <summary>
    /// Verdicts known to be wrong on this bench, each with its cause: reported in the test's output
    /// on every run, not asserted, until the cause is fixed (then the entry goes and the design holds).
    /// </summary>
    private static readonly Dictionary<string, string> KnownWrong = [];

    [Test]
    public void BothConfigurationsGetTheirVerdictsInFiveRunsInARow()
    {
        if (QemuBench.Missing() is { } missing)
        {
            Assert.Ignore(missing);
        }

        using var bench = new QemuBench();
        var differences = new List<string>();
        var timings = new List<string>();
        for (int run = 1; run <= 5; run++)
        {
            string[] planArgs = run == 1 ? ["--scheme", "etsi-en-303-645-baseline"] : ["--plan", .. Repeated];
            var started = System.Diagnostics.Stopwatch.StartNew();
            string outV = bench[$"run{run}-v"];
            string outH = bench[$"run{run}-h"];
            using (Cli.RigProcess v = bench.Certify("v", "qcam-vulnerable", outV, planArgs))
            using (Cli.RigProcess h = bench.Certify("h", "qcam-hardened", outH, planArgs))
            {
                TimeSpan limit = run == 1 ? SchemeLimit : PlansLimit;
                Finish(v, limit, $"run {run} vulnerable", differences);
                Finish(h, limit, $"run {run} hardened", differences);
            }

            timings.Add($"run {run}: {started.Elapsed.TotalSeconds:0} s");
            Compare(run, "vulnerable", outV, Vulnerable, run == 1 ? null : Repeated, differences);
            Compare(run, "hardened", outH, Hardened, run == 1 ? null : Repeated, differences);
        }

        TestContext.Out.WriteLine(string.Join("; ", timings));
        CheckEvidence(bench["run1-v"], bench["run1-h"]);
        Assert.That(differences, Is.Empty, "plans whose verdict differs from the design:\n" + string.Join("\n", differences));
    }

    /// <summary>Waits for a certification; one that overruns is killed and its missing verdicts reported, not thrown.</summary>
    private static void Finish(Cli.RigProcess rig, TimeSpan limit, string what, List<string> differences)
    {
        try
        {
            int exit = rig.Wait(limit);
            if (exit is not (0 or 1))
            {
                differences.Add($"{what}: rig exited with {exit}: {rig.Stderr.Trim()}");
            }
        }
        catch (TimeoutException)
        {
            differences.Add($"{what}: the certification did not finish within {limit.TotalMinutes:0} min");
        }
    }

    /// <summary>Each plan's verdict against the design; a difference names the run, the plan, the reason and the console's last bytes.</summary>
    private static void Compare(int run, string config, string outDir, Dictionary<string, string> expected, string[]? only, List<string> differences)
    {
        Dictionary<string, (string Verdict, string Reason)> got = QemuBench.Verdicts(outDir);
        foreach ((string plan, string verdict) in expected.Where(e => only is null || only.Contains(e.Key)))
        {
            if (!got.TryGetValue(plan, out var actual))
            {
                differences.Add($"run {run} {config} {plan}: expected {verdict}, no verdict recorded");
            }
            else if (actual.Verdict != verdict && KnownWrong.TryGetValue($"{config} {plan}", out string? cause))
            {
                TestContext.Out.WriteLine($"known wrong, run {run} {config} {plan}: expected {verdict}, got {actual.Verdict}: {actual.Reason} ({cause})");
            }
            else if (actual.Verdict != verdict)
            {
                differences.Add($"run {run} {config} {plan}: expected {verdict}, got {actual.Verdict}: {actual.Reason}");
                differences.Add($"  ({config} {plan}, what the plan saw: {PlanConsole(outDir, plan)})");
            }
        }
    }

    /// <summary>What the verdicts rest on: the proven login, every pair of the sweep, the profile's own words.</summary>
    private static void CheckEvidence(string outV, string outH)
    {
        Dictionary<string, (string Verdict, string Reason)> v = QemuBench.Verdicts(outV);
        Dictionary<string, (string Verdict, string Reason)> h = QemuBench.Verdicts(outH);
        Assert.Multiple(() =>
        {
            Assert.That(v["UPD-01"].Reason, Does.Contain("declares no update mechanism").And.Contain("the profile: the firmware is an initramfs"));
            Assert.That(h["AUTH-01"].Reason, Does.Contain("the profile: the web server serves static pages"));
            string journal = File.ReadAllText(Path.Combine(outH, "journal.jsonl"));
            Assert.That(journal, Does.Not.Contain("\"plan\":\"UPD-01\",\"file\""), "a plan the profile decides is not run");
            Assert.That(File.ReadAllText(Path.Combine(outV, "journal.jsonl")), Does.Contain("\"title\":\"telnet 127.0.0.21:2323: every pair tried ("),
                "the sweep's evidence names the pairs it tried");
        });
    }

    /// <summary>
    /// The console as one plan saw it: the console's open and hang-up events and power events while
    /// it ran, and the head and tail of the bytes it received, so a wrong verdict can be read from the test's output.
    /// </summary>
    private static string PlanConsole(string outDir, string plan)
    {
        string raw = Path.Combine(outDir, "console.raw");
        string journal = Path.Combine(outDir, "journal.jsonl");
        if (!File.Exists(raw) || !File.Exists(journal))
        {
            return "(no console log or journal)";
        }

        long from = -1, to = -1;
        bool inside = false;
        var events = new List<string>();
        foreach (string line in File.ReadLines(journal))
        {
            using System.Text.Json.JsonDocument doc = System.Text.Json.JsonDocument.Parse(line);
            System.Text.Json.JsonElement e = doc.RootElement;
            string ev = e.GetProperty("ev").GetString()!;
            string? p = e.TryGetProperty("plan", out System.Text.Json.JsonElement pe) ? pe.GetString() : null;
            if (ev == "plan-start" && p == plan)
            {
                inside = true;
            }
            else if (inside && ev == "verdict" && p == plan)
            {
                break;
            }
            else if (inside && ev == "console")
            {
                long off = e.GetProperty("off").GetInt64();
                from = from < 0 ? off : from;
                to = off + e.GetProperty("len").GetInt64();
            }
            else if (inside && ev is "console-status" or "power")
            {
                events.Add(ev == "power" ? $"power {e.GetProperty("state").GetString()}" : e.GetProperty("detail").GetString() ?? "");
            }
        }

        if (from < 0)
        {
            return $"no console byte; events: {string.Join("; ", events)}";
        }

        byte[] bytes = File.ReadAllBytes(raw);
        string Text(long start, long end) => Visible(Encoding.UTF8.GetString(bytes, (int)start, (int)(end - start)));
        to = Math.Min(to, bytes.Length);
        string head = Text(from, Math.Min(to, from + 300));
        string tail = to - from > 900 ? Text(to - 600, to) : "";
        return $"{to - from} bytes; events: {string.Join("; ", events)}; head: {head}" + (tail.Length > 0 ? $" ... tail: {tail}" : "");
    }

    private static string Visible(string text) =>
        string.Concat(text.Select(c => c is '\r' ? "\\r" : c is '\n' ? "\\n" : char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
