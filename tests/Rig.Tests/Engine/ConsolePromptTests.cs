using Rig.Engine.Actions;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

/// <summary>The plans' prompts through a real pty and the plan runner: what real shells and gettys print.</summary>
public class ConsolePromptTests
{
    private static readonly string Plan = $"""
        plan: P-1
        title: prompts
        initial: boot
        states:
          boot:
            enter:
              - power: cycle
            on:
              - console: '{ConsolePrompts.Login}'
                verdict: pass
                because: login prompt
              - console: '{ConsolePrompts.Shell}'
                verdict: pass
                because: shell prompt
              - after: 5s
                verdict: error
                because: no prompt
        """;

    private static async Task<PlanOutcome> BootAsync(params string[] prints)
    {
        await using var bench = new PtyBench();
        Task device = Task.Run(async () =>
        {
            while (!bench.PowerLog.Contains("on", StringComparison.Ordinal))
            {
                await Task.Delay(10);
            }

            foreach (string text in prints)
            {
                bench.Print(text);
                await Task.Delay(50); // separate reads, as a UART delivers them
            }
        });
        PlanOutcome outcome = await bench.RunAsync(bench.Plan(Plan));
        await device;
        return outcome;
    }

    [Test]
    public async Task BusyboxAshAsksForTheCursorAfterItsPrompt()
    {
        PlanOutcome outcome = await BootAsync("\r\nBusyBox v1.36.1 (2024-01-01) built-in shell (ash)\r\n\r\n~ # ", "\u001b[6n");
        Assert.That(outcome.Reason, Is.EqualTo("shell prompt"));
    }

    [Test]
    public async Task AColouredPromptInOneRead()
    {
        PlanOutcome outcome = await BootAsync("\r\n\u001b[1;32mroot@vcam\u001b[0m:\u001b[1;34m~\u001b[0m# \u001b[6n");
        Assert.That(outcome.Reason, Is.EqualTo("shell prompt"));
    }

    [Test]
    public async Task AGettyThatStartsItsLineWithABareCarriageReturn()
    {
        PlanOutcome outcome = await BootAsync("[   12.5] random: crng init done\r\nStarting getty\r", "vcam login: ");
        Assert.That(outcome.Reason, Is.EqualTo("login prompt"));
    }

    [Test]
    public async Task SystemdsArmedWatchdogIsNoCrash()
    {
        PlanOutcome outcome = await BootAsync(
            "[    4.249832] systemd[1]: Using hardware watchdog 'Broadcom BCM2835 Watchdog timer', version 0, device /dev/watchdog0\r\n",
            "[    4.260296] systemd[1]: Watchdog running with a hardware timeout of 1min.\r\n",
            "\r\nDebian GNU/Linux 12 raspberrypi ttyAMA0\r\n\r\nraspberrypi login: ");
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(outcome.Reason, Is.EqualTo("login prompt"));
    }
}
