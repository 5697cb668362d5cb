using Rig.Drivers.Power;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

/// <summary>The shipped plans and the engine's death patterns against recorded consoles, replayed through a real pty.</summary>
public class ReplayTests
{
    /// <summary>Boots, asks `id`, then stays in the shell for a while: what a crash in the middle of a session needs.</summary>
    private static string Soak(string fragment) => $$"""
        plan: SOAK-1
        title: stay in the shell
        initial: boot
        states:
          boot:
            use: '{{fragment}}'
            exits:
              login: ask
              shell: ask
              silent: { verdict: error, because: silent console }
          ask:
            enter:
              - send: "id\r"
            on:
              - console: 'uid=0\(root\)'
                goto: soak
              - after: 10s
                verdict: error
                because: no answer to id
          soak:
            on:
              - after: 3s
                verdict: pass
                because: stayed up for 3 s
        """;

    [TestCase("vcam-vulnerable-boot", Verdict.Fail, "the console gave a root shell without any login: id answered uid=0(root)")]
    [TestCase("vcam-hardened-boot", Verdict.Pass, "the console asks for a login before giving a shell")]
    [TestCase("kernel-panic-boot", Verdict.Fail, "the device crashed (kernel panic): Kernel panic - not syncing: VFS: Unable to mount root fs")]
    public async Task Uart01OnARecordedConsole(string transcript, Verdict verdict, string reason)
    {
        using var bench = new ReplayBench();
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync(transcript, PlanLoader.Load(TestPaths.Plan("UART-01")));
        Assert.That(outcomes[0].Verdict, Is.EqualTo(verdict), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Does.StartWith(reason));
        Assert.That(VirtualDeviceProcess.FindRunning(Path.Combine(bench.Dir, "state", "r1", "flash")), Is.Null, "the replaying device was switched off");
    }

    [Test]
    public async Task Uart01IsInconclusiveWhenNothingAnswersEnter()
    {
        // A login prompt at boot, then a console that takes no input: the same as a rig whose
        // transmit wire is loose. Nothing was observed about what Enter gives, so no pass.
        using var bench = new ReplayBench();
        using var dir = new TempDir();
        string transcript = dir.Write("deaf.jsonl", """
            {"note":"boots to a login prompt, then ignores every key"}
            {"t":0.1,"rx":"Linux version 4.9.84\r\n"}
            {"t":0.2,"rx":"\r\nvcam login: "}
            """);
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync(transcript, PlanLoader.Load(TestPaths.Plan("UART-01")));
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Inconclusive), outcomes[0].Reason);
        Assert.That(outcomes[0].Reason, Does.StartWith("nothing answered Enter within 15 s"));
    }

    [TestCase("watchdog-reset", "the device crashed (watchdog reset)")]
    [TestCase("oops-in-shell", "the device crashed (kernel crash): Unable to handle kernel NULL pointer dereference")]
    public async Task ACrashInTheMiddleOfASessionEndsThePlanAtOnce(string transcript, string reason)
    {
        using var bench = new ReplayBench();
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync(transcript, bench.Plan(Soak(ReplayBench.Fragment("boot-to-prompt"))));
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(outcomes[0].Reason, Does.StartWith(reason));
        Assert.That(outcomes[0].Path, Is.EqualTo(new[] { "boot/cycle", "ask", "soak" }));
    }

    [Test]
    public async Task TheSameSessionWithoutTheCrashPasses()
    {
        using var bench = new ReplayBench();
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync("vcam-vulnerable-boot", bench.Plan(Soak(ReplayBench.Fragment("boot-to-prompt")).Replace("send: \"id\\r\"", "send: \"\\rid\\r\"", StringComparison.Ordinal)));
        Assert.That(outcomes[0].Reason, Is.EqualTo("stayed up for 3 s"));
    }

    [Test]
    public async Task APagerIsAnsweredByAnInternalTransition()
    {
        using var bench = new ReplayBench();
        Plan plan = bench.Plan($$"""
            plan: MTD-1
            title: list the flash partitions
            initial: boot
            states:
              boot:
                use: '{{ReplayBench.Fragment("boot-to-prompt")}}'
                exits: { login: list, shell: list, silent: { verdict: error, because: silent } }
              list:
                enter:
                  - send: "cat /proc/mtd\r"
                on:
                  - console: '--More-- $'
                    do:
                      - send: " "
                  - console: 'mtd(?<last>\d+): [0-9a-f]+ [0-9a-f]+ "appfs"'
                    verdict: pass
                    because: 'listed up to mtd{{"{{"}}last{{"}}"}}'
                  - after: 10s
                    verdict: error
                    because: stuck
            """);
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync("more-pager", plan);
        Assert.That(outcomes[0].Reason, Is.EqualTo("listed up to mtd3"));
        Assert.That(outcomes[0].Path, Is.EqualTo(new[] { "boot/cycle", "list" }));
    }

    [Test]
    public async Task AfterACrashTheSlotsLaterPlansStillRunOnAFreshBoot()
    {
        // A crash is the device's failure, not the rig's: the slot is not broken, the next plan power-cycles.
        using var bench = new ReplayBench();
        IReadOnlyList<PlanOutcome> outcomes = await bench.RunAsync("kernel-panic-boot", PlanLoader.Load(TestPaths.Plan("UART-01")), PlanLoader.Load(TestPaths.Plan("UART-01")));
        Assert.That(outcomes.Select(o => o.Verdict), Is.EqualTo(new[] { Verdict.Fail, Verdict.Fail }));
        Assert.That(outcomes.All(o => !o.RigFault), Is.True);
    }
}
