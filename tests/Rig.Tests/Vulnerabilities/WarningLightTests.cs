using Rig.Engine.Vulnerabilities;
using Rig.Reports.Certificates;
using Rig.Tests.Support;

namespace Rig.Tests.Vulnerabilities;

/// <summary>The certificate's light at issue, read from FW-02's findings: it says "none affected" only when something was matched.</summary>
public class WarningLightTests
{
    private static CertificateStatus? Light(int components)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, VulnerabilityList.FileName),
            VulnerabilityList.Build("testplans/vulndb/sample", new string('0', 64), components, [], DateTimeOffset.UnixEpoch));
        return VulnerabilityList.ReadStatus(dir.Path);
    }

    [Test]
    public void ComponentsMatchedWithNoFindingIsAGreenLightThatSaysAgainstWhat()
    {
        CertificateStatus status = Light(4)!;
        Assert.That(status.State, Is.EqualTo(CertificateStatus.ValidState));
        Assert.That(status.Basis, Does.StartWith("4 component(s) matched against testplans/vulndb/sample on ").And.EndWith("none affected"));
    }

    [Test]
    public void NothingIdentifiedIsNotNoneAffected()
    {
        CertificateStatus status = Light(0)!;
        Assert.That(status.Basis, Is.EqualTo(CertificateStatus.Unchecked), "no component seen means nothing was matched");
    }

    [Test]
    public void ARunWithoutFw02HasNoLightOfItsOwn()
    {
        using var dir = new TempDir();
        Assert.That(VulnerabilityList.ReadStatus(dir.Path), Is.Null);
    }
}
