using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>Debian's version order: vectors from dpkg's own tests (lib/dpkg/t/t-version.c) and Debian Policy 5.6.12.</summary>
public class DpkgVersionTests
{
    [TestCase("1.0", "1.0", 0)]
    [TestCase("0:1.0", "1.0", 0, Description = "a missing epoch is 0")]
    [TestCase("1.0", "1.0-0", 0, Description = "a missing revision equals revision 0")]
    [TestCase("00", "0", 0, Description = "leading zeros do not count")]
    [TestCase("1:1.0", "9.0", 1, Description = "the epoch decides first")]
    [TestCase("1:0", "0:999999", 1)]
    [TestCase("1.0~rc1", "1.0", -1, Description = "~ sorts before the end")]
    [TestCase("1.0~~", "1.0~", -1)]
    [TestCase("1.0~~a", "1.0~", -1)]
    [TestCase("1.0~", "1.0", -1)]
    [TestCase("1.0", "1.0a", -1, Description = "the end sorts before a letter")]
    [TestCase("1.0a", "1.0+", -1, Description = "letters sort before other characters")]
    [TestCase("1.0+", "1.0.", -1, Description = "other characters compare by ASCII")]
    [TestCase("2.30", "2.100", -1, Description = "digit runs compare as numbers")]
    [TestCase("1.2-5", "1.2-5.1", -1)]
    [TestCase("1.0-1~bpo1", "1.0-1", -1)]
    [TestCase("1.2.3", "1.2.3+deb1", -1)]
    [TestCase("1.1.1k-1+deb11u1", "1.1.1k-1+deb11u2", -1)]
    [TestCase("1.1.1k-1+deb11u2", "1.1.1n-0+deb11u2", -1)]
    [TestCase("1:1.35.0-4", "1:1.36.1-1", -1)]
    [TestCase("2.36.1-8+deb11u1", "2.36.1-8", 1)]
    [TestCase("1.0-a", "1.0-1", 1, Description = "in a revision too, a letter sorts after a digit")]
    public void ComparesAsDpkgDoes(string a, string b, int expected)
    {
        Assert.That(Math.Sign(DpkgVersion.Compare(a, b)), Is.EqualTo(expected), $"{a} vs {b}");
        Assert.That(Math.Sign(DpkgVersion.Compare(b, a)), Is.EqualTo(-expected), $"{b} vs {a} (antisymmetric)");
    }
}
