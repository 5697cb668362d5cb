using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>CVSS v3 base scores of vectors whose NVD scores are well known.</summary>
public class Cvss3Tests
{
    [TestCase("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL")]
    [TestCase("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "HIGH")]
    [TestCase("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "HIGH")]
    [TestCase("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1, "HIGH")]
    [TestCase("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3, "MEDIUM")]
    [TestCase("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5, "MEDIUM")]
    [TestCase("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "MEDIUM")]
    [TestCase("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2, "HIGH")]
    [TestCase("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "CRITICAL")]
    public void ScoresAsNvd(string vector, double score, string rating)
    {
        Assert.That(Cvss3.BaseScore(vector), Is.EqualTo(score));
        Assert.That(Cvss3.Rating(score), Is.EqualTo(rating));
    }

    [TestCase("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [TestCase("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    [TestCase("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [TestCase("not a vector")]
    public void AnIncompleteVectorHasNoScore(string vector) => Assert.That(Cvss3.BaseScore(vector), Is.Null);
}
