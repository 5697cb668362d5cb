using Rig.Engine.Plans;
using Rig.Engine.Schemes;

namespace Rig.Tests.Certificates;

/// <summary>Validity = min(end of declared support, the level's maximum); the short validity without working updates.</summary>
public class ValidityTests
{
    private static readonly DateOnly Issued = new(2026, 12, 2);
    private static readonly SchemeLevel Level = new("L", "level", "std", "rule", 36, [new SchemeProvision("x", "x", ["P"])], []);
    private static readonly LadderTerms Terms = new([Level], 6, ["UPD-01", "UPD-02"]);
    private static readonly Dictionary<string, Verdict> UpdatesPass = new() { ["UPD-01"] = Verdict.Pass, ["UPD-02"] = Verdict.Pass };

    private static CertificateTerms Decide(DateOnly? support, string? noUpdate = null, Dictionary<string, Verdict>? verdicts = null)
    {
        CertificateTerms? t = CertificateValidity.Decide(Terms, Level, Issued, support, noUpdate, verdicts ?? UpdatesPass, out string refused);
        Assert.That(t, Is.Not.Null, refused);
        return t!;
    }

    [Test]
    public void TheDeclaredSupportEndsTheCertificateWhenItComesBeforeTheLevelsMaximum()
    {
        CertificateTerms t = Decide(new DateOnly(2028, 12, 31));
        Assert.That(t.ValidUntil, Is.EqualTo(new DateOnly(2028, 12, 31)));
        Assert.That(t.Why, Does.StartWith("the end of the declared security support period (2028-12-31)"));
        Assert.That(t.UpdatesWork, Is.True);
    }

    [Test]
    public void TheLevelsMaximumEndsTheCertificateWhenSupportLastsLonger()
    {
        CertificateTerms t = Decide(new DateOnly(2035, 1, 1));
        Assert.That(t.ValidUntil, Is.EqualTo(new DateOnly(2029, 12, 2)));
        Assert.That(t.Why, Is.EqualTo("the scheme's maximum for level L (36 months)"));
    }

    [Test]
    public void AnUpdatePlanThatDidNotPassGivesTheShortValidity()
    {
        CertificateTerms t = Decide(new DateOnly(2035, 1, 1), verdicts: new() { ["UPD-01"] = Verdict.Pass, ["UPD-02"] = Verdict.Inconclusive });
        Assert.That(t.ValidUntil, Is.EqualTo(new DateOnly(2027, 6, 2)));
        Assert.That(t.Why, Is.EqualTo("the scheme's short validity (6 months): no working secure update mechanism was shown: UPD-02 inconclusive"));
        Assert.That(t.UpdatesWork, Is.False);
    }

    [Test]
    public void AProfileThatDeclaresNoUpdateMechanismGetsTheShortValidityEvenIfNothingFailed()
    {
        var notApplicable = new Dictionary<string, Verdict> { ["UPD-01"] = Verdict.NotApplicable, ["UPD-02"] = Verdict.NotApplicable };
        CertificateTerms t = Decide(new DateOnly(2035, 1, 1), "sealed device", notApplicable);
        Assert.That(t.ValidUntil, Is.EqualTo(new DateOnly(2027, 6, 2)));
        Assert.That(t.Why, Does.EndWith("the profile declares no update mechanism"));
    }

    [Test]
    public void ShortSupportStillWinsOverTheShortValidity()
    {
        CertificateTerms t = Decide(new DateOnly(2027, 1, 31), "sealed device");
        Assert.That(t.ValidUntil, Is.EqualTo(new DateOnly(2027, 1, 31)));
    }

    [Test]
    public void NoDeclaredEndOfSupportGivesTheShortValidity()
    {
        CertificateTerms t = Decide(null);
        Assert.That(t.ValidUntil, Is.EqualTo(new DateOnly(2027, 6, 2)));
        Assert.That(t.Why, Does.EndWith("the profile declares no end of its security support period"));
    }

    [Test]
    public void SupportThatEndedBeforeTheIssueDateGetsNoCertificate()
    {
        CertificateTerms? t = CertificateValidity.Decide(Terms, Level, Issued, new DateOnly(2026, 12, 1), null, UpdatesPass, out string refused);
        Assert.That(t, Is.Null);
        Assert.That(refused, Is.EqualTo("the security support period the profile declares ended on 2026-12-01, before the issue date 2026-12-02"));
        Assert.That(Decide(Issued).ValidUntil, Is.EqualTo(Issued), "support ending on the issue day still gives that day");
    }
}
