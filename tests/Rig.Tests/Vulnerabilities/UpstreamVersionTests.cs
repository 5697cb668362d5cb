using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>The upstream order the kernel, BusyBox, Dropbear, OpenSSH, OpenSSL and lighttpd are compared in.</summary>
public class UpstreamVersionTests
{
    [TestCase("4.9.84", "4.9.182", -1, Description = "numbers, not text")]
    [TestCase("4.5", "4.5.0", 0, Description = "a missing number is 0")]
    [TestCase("4.4.267", "4.5", -1)]
    [TestCase("5.10-rc3", "5.10", -1, Description = "a pre-release is older")]
    [TestCase("5.10.0-rc3", "5.10", -1)]
    [TestCase("1.29.3", "1.30.0", -1)]
    [TestCase("1.36.1", "1.37.0", -1)]
    [TestCase("2018.76", "2022.82", -1)]
    [TestCase("7.4", "7.4p1", -1, Description = "other trailing letters are newer")]
    [TestCase("9.3p1", "9.3p2", -1)]
    [TestCase("9.3.p2", "9.3p2", 0, Description = "a tag's separators do not matter")]
    [TestCase("1.0.2", "1.0.2a", -1)]
    [TestCase("1.0.2z", "1.0.2za", -1, Description = "OpenSSL's letters after z")]
    [TestCase("1.0.2zc", "1.0.2zd", -1)]
    [TestCase("1.0.1f", "1.0.1g", -1)]
    [TestCase("1.1.1k", "1.1.1n", -1)]
    [TestCase("1.4.45", "1.4.46", -1)]
    [TestCase("3.0.0-alpha1", "3.0.0", -1)]
    public void Orders(string a, string b, int expected)
    {
        Assert.That(Math.Sign(UpstreamVersion.Compare(a, b)), Is.EqualTo(expected), $"{a} vs {b}");
        Assert.That(Math.Sign(UpstreamVersion.Compare(b, a)), Is.EqualTo(-expected), $"{b} vs {a} (antisymmetric)");
    }

    [TestCase("1_29_3", "1.29.3")]
    [TestCase("DROPBEAR_2018.76", "2018.76")]
    [TestCase("V_9_3_P2", "9.3.P2")]
    [TestCase("OpenSSL_1_0_2k", "1.0.2k")]
    [TestCase("lighttpd-1.4.45", "1.4.45")]
    public void ReleaseTagsReadAsVersions(string tag, string version) =>
        Assert.That(KnownVulnerabilities.FromTag(tag), Is.EqualTo(version));
}
