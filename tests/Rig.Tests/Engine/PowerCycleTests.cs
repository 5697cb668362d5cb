using System.Text.Json;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

/// <summary><c>power: cycle</c> uses a switch's own cycle when it has one (a PDU's cycle command), and off, wait, on otherwise.</summary>
public class PowerCycleTests
{
    private const string BootPlan = "plan: T-1\ntitle: cycle\ninitial: boot\nstates:\n  boot:\n    enter:\n      - power: cycle\n    on:\n"
        + "      - console: 'login:'\n        verdict: pass\n        because: prompt\n      - after: 20s\n        verdict: fail\n        because: no prompt\n";

    [TestCase(true, new[] { "cycle" })]
    [TestCase(false, new[] { "off", "on" })]
    public async Task ACycleRunsTheSwitchsOwnCycleCommandWhenItHasOne(bool ownCycle, string[] commands)
    {
        await using var bench = new PtyBench(ownCycle: ownCycle);
        Plan plan = bench.Plan(BootPlan);
        Task device = Task.Run(async () =>
        {
            // The device boots once power is back, whichever command brought it.
            while (!bench.PowerLog.EndsWith(ownCycle ? "cycle\n" : "on\n", StringComparison.Ordinal))
            {
                await Task.Delay(20);
            }

            bench.Print("vcam login: ");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;

        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass), outcome.Reason);
        Assert.That(bench.PowerLog.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(commands));
        List<JsonElement> powered = JournalReader.ReadAll(bench.JournalPath, out _)
            .Where(e => e.GetProperty("ev").GetString() == "power")
            .ToList();
        Assert.That(powered.Last().GetProperty("state").GetString(), Is.EqualTo("on"), "the journal says when the device came on");
    }
}
