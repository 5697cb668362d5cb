using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Schemes;

namespace Rig.Tests.Schemes;

/// <summary>
/// What a profile declares absent decides plans without running them: no update mechanism fails
/// 5.3-2's plans (and 5.3-9's do not apply), no network login makes AUTH-01 not applicable, each
/// with the manufacturer's own words in the reason.
/// </summary>
public class DeclaredAbsenceTests
{
    private static Scheme Baseline() =>
        SchemeLoader.Load(Path.Combine(TestPaths.TestPlans, "schemes", "etsi-en-303-645-baseline.yaml"), id => File.Exists(TestPaths.Plan(id)));

    [Test]
    public void NoUpdateMechanismFailsTheUpdatePlansOf532AndTheOthersDoNotApply()
    {
        DeviceProfile profile = ProfileLoader.Load(TestPaths.Profile("qcam-hardened"));
        Assert.That(profile.NoUpdateMechanism, Does.StartWith("the firmware is an initramfs"));
        Assert.That(profile.Update, Is.Null);

        IReadOnlyDictionary<string, string> failed = SchemeEvaluator.DeclaredFailurePlans(Baseline(), profile);
        IReadOnlyDictionary<string, string> notApplicable = SchemeEvaluator.NotApplicablePlans(Baseline(), profile);
        Assert.That(failed.Keys, Is.EquivalentTo(new[] { "UPD-01", "UPD-04", "UPD-05" }));
        Assert.That(failed["UPD-01"], Does.Contain("declares no update mechanism").And.Contain("(the profile: the firmware is an initramfs"));
        Assert.That(notApplicable.Keys, Is.EquivalentTo(new[] { "UPD-02", "UPD-03", "AUTH-01" }));
        Assert.That(notApplicable["AUTH-01"], Does.Contain("(the profile: the web server serves static pages"));

        SchemeResult result = SchemeEvaluator.Evaluate(Baseline(), failed.ToDictionary(p => p.Key, _ => Verdict.Fail)
            .Concat(notApplicable.ToDictionary(p => p.Key, _ => Verdict.NotApplicable))
            .Concat(Baseline().Plans.Where(p => !failed.ContainsKey(p) && !notApplicable.ContainsKey(p)).ToDictionary(p => p, _ => Verdict.Pass))
            .ToDictionary(p => p.Key, p => p.Value));
        Assert.That(result.Provisions.Single(p => p.Id == "5.3-2").Outcome, Is.EqualTo("not met"));
        Assert.That(result.Provisions.Single(p => p.Id == "5.3-9").Outcome, Is.EqualTo("not applicable"));
    }

    [Test]
    public void AProfileThatDeclaresAnUpdateMechanismOrNothingDecidesNoPlan()
    {
        DeviceProfile profile = ProfileLoader.Load(TestPaths.Profile("vcam-hardened"), null, [TestPaths.Firmware]);
        Assert.That(SchemeEvaluator.DeclaredFailurePlans(Baseline(), profile), Is.Empty);
        Assert.That(SchemeEvaluator.NotApplicablePlans(Baseline(), profile), Is.Empty);
    }

    [TestCase("update: { method: none }\n", "missing required key 'because'")]
    [TestCase("update: { method: none, because: x, command: 'fw {{url}}' }\n", "command")]
    public void ANoneDeclarationNeedsItsReasonAndNothingElse(string update, string message)
    {
        using var dir = new TempDir();
        string text = TestPaths.ProfileText("qcam-vulnerable");
        string file = dir.Write("p.yaml", text[..text.IndexOf("update:", StringComparison.Ordinal)] + update);
        var e = Assert.Throws<ConfigException>(() => ProfileLoader.Load(file, "p.yaml"))!;
        Assert.That(e.Message, Does.Match(@"^p\.yaml:\d+:\d+: "));
        Assert.That(e.Reason, Does.Contain(message));
    }
}
