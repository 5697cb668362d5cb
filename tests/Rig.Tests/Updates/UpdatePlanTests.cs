using Rig.Drivers.Power;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Updates;

/// <summary>The five update plans, in order as a certification runs them, on each virtual camera.</summary>
public class UpdatePlanTests
{
    private static readonly string[] Plans = ["UPD-01", "UPD-02", "UPD-03", "UPD-04", "UPD-05"];

    [Test]
    public async Task VulnerableInstallsAnythingAndABrokenWriteBricksIt()
    {
        using var bench = new CameraBench();
        IReadOnlyList<PlanOutcome> o = await bench.RunAsync("vcam-vulnerable", Plans);
        Expect(o, Verdict.Pass, Verdict.Fail, Verdict.Fail, Verdict.Fail, Verdict.Fail);
        Assert.That(o[0].Reason, Does.Contain("installed 1.1.0 (was 1.0.3)").And.Contain("back on current (1.0.3)"));
        Assert.That(o[1].Reason, Does.StartWith("the tampered variant payload-byte was not refused"));
        Assert.That(o[2].Reason, Does.StartWith("the device took the newer image (unsigned variant)"));
        Assert.That(o[3].Reason, Does.StartWith("the device went back from 1.0.3 to the older 1.0.1"));
        Assert.That(o[4].Reason, Does.StartWith("the device did not boot a working version after a power cut at \"Erasing\""));
        Assert.That(VirtualDeviceProcess.FindRunning(bench.Flash), Is.Null, "the camera was switched off");
    }

    [Test]
    public async Task HardenedPassesEveryUpdatePlan()
    {
        using var bench = new CameraBench();
        IReadOnlyList<PlanOutcome> o = await bench.RunAsync("vcam-hardened", Plans);
        Expect(o, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass);
        Assert.That(o[0].Reason, Does.Contain("installed 1.1.0 (was 1.0.3)").And.Contain("could not go back to current"));
        Assert.That(o[1].Reason, Does.Contain("all 5 tampered variants were refused").And.Contain("signature verification failed"));
        Assert.That(o[2].Reason, Does.Contain("image is for model vcam-2"));
        Assert.That(o[3].Reason, Does.Contain("older than the installed security version"));
        Assert.That(o[4].Reason, Does.StartWith("all 5 power cuts left a working device"));
    }

    [Test]
    public async Task PartialFailsOnlyTheDowngrade()
    {
        using var bench = new CameraBench();
        IReadOnlyList<PlanOutcome> o = await bench.RunAsync("vcam-partial", Plans);
        Expect(o, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Fail, Verdict.Pass);
        Assert.That(o[0].Reason, Does.Contain("back on current (1.0.3)"));
        Assert.That(o[3].Reason, Does.StartWith("the device went back from 1.0.3 to the older 1.0.1"));
    }

    /// <summary>A device whose version command says nothing readable: an update it took cannot be judged, so no verdict but inconclusive.</summary>
    [Test]
    public async Task AVersionThatCannotBeReadIsNotAFailedUpdate()
    {
        using var bench = new CameraBench();
        IReadOnlyList<PlanOutcome> o = await bench.RunAsync("vcam-hardened",
            profile => profile.Replace("version_command: cat /etc/version", "version_command: echo no version here", StringComparison.Ordinal), "UPD-01", "UPD-04");
        Expect(o, Verdict.Inconclusive, Verdict.Inconclusive);
        Assert.That(o[0].Reason, Does.StartWith("the device came back, but what it runs could not be read").And.Contain("'echo no version here' answered no version twice"));
    }

    private static void Expect(IReadOnlyList<PlanOutcome> outcomes, params Verdict[] verdicts)
    {
        string all = string.Join("\n", outcomes.Select(o => $"{o.Plan.Id} {o.Verdict}: {o.Reason} [{string.Join(" -> ", o.Path)}]"));
        Assert.That(outcomes.Select(o => o.Verdict), Is.EqualTo(verdicts), all);
    }
}
