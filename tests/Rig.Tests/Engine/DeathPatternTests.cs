using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

public class DeathPatternTests
{
    private const string BootThenShell = """
        plan: D-1
        title: death patterns
        initial: boot
        states:
          boot:
            enter:
              - power: cycle
            on:
              - console: 'ready'
                goto: shell
              - after: 5s
                verdict: error
                because: no boot
          shell:
            on:
              - console: 'never'
                goto: shell
              - after: 800ms
                verdict: pass
                because: quiet shell
        """;

    private static async Task WhenPoweredOn(PtyBench bench)
    {
        while (!bench.PowerLog.Contains("on", StringComparison.Ordinal))
        {
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task TheBootWeAskedForIsNotAnUnexpectedReboot()
    {
        await using var bench = new PtyBench();
        Task device = Task.Run(async () =>
        {
            await WhenPoweredOn(bench);
            bench.Print("U-Boot 2016.01 (test)\r\nStarting kernel ...\r\nready\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(bench.Plan(BootThenShell));
        await device;
        Assert.That(outcome.Reason, Is.EqualTo("quiet shell"));
    }

    [Test]
    public async Task ABootloaderBannerLaterIsAnUnexpectedReboot()
    {
        await using var bench = new PtyBench();
        Task device = Task.Run(async () =>
        {
            await WhenPoweredOn(bench);
            bench.Print("U-Boot 2016.01 (test)\r\nready\r\n");
            await Task.Delay(300);
            bench.Print("\r\nU-Boot 2016.01 (test)\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(bench.Plan(BootThenShell));
        await device;
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(outcome.Reason, Does.StartWith("the device rebooted when nobody asked it to (bootloader banner): U-Boot 2016.01"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "boot", "shell" }));
    }

    [Test]
    public async Task AKernelPanicDuringTheBootEndsThePlanAtOnce()
    {
        await using var bench = new PtyBench();
        Task device = Task.Run(async () =>
        {
            await WhenPoweredOn(bench);
            bench.Print("U-Boot 2016.01\r\n[    1.2] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(31,2)\r\n");
        });
        PlanOutcome outcome = await bench.RunAsync(bench.Plan(BootThenShell));
        await device;
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(outcome.Reason, Is.EqualTo("the device crashed (kernel panic): Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(31,2)"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "boot" }));
    }
}
