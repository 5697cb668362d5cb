using System.Text;
using Rig.Engine.Inventory;
using Rig.Engine.Vulnerabilities;

namespace Rig.Tests.Vulnerabilities;

/// <summary>
/// OSV's range semantics on the edge versions, for each ecosystem Rig handles: the introduced
/// version is affected, the fixed one is not, the last_affected one is, the one after it is not,
/// an unbounded range affects everything from its start, a limit ends a range, "0" is before all.
/// </summary>
public class OsvRangeTests
{
    /// <summary>ecosystem, package, introduced, a version inside, fixed, just below introduced, last_affected, just above it.</summary>
    private static readonly object[] Edges =
    [
        new object[] { "Linux", "Kernel", "4.5", "4.9.84", "4.9.182", "4.4.302", "4.14.336", "4.14.337" },
        new object[] { "Linux", "Kernel", "5.8", "5.10.101", "5.10.102", "5.7.19", "6.1", "6.1.1" },
        new object[] { "Debian:12", "busybox", "1:1.30.1-1", "1:1.35.0-4~bpo1", "1:1.35.0-4", "1.99-1", "1:1.36.1-1", "1:1.36.1-1+deb12u1" },
        new object[] { "Debian:11", "openssl", "1.1.1k-1", "1.1.1k-1+deb11u1", "1.1.1k-1+deb11u2", "1.1.1k-1~bpo1", "1.1.1n-0+deb11u5", "1.1.1n-0+deb11u6" },
        new object[] { "GIT", "https://git.busybox.net/busybox", "1.20.0", "1.29.3", "1.30.1", "1.19.4", "1.36.1", "1.37.0" },
        new object[] { "GIT", "https://github.com/mkj/dropbear", "2016.74", "2018.76", "2022.82", "2016.73", "2018.76", "2019.77" },
        new object[] { "GIT", "https://github.com/openssh/openssh-portable", "8.5p1", "9.3p2", "9.8p1", "8.4p1", "9.7p1", "9.8" },
        new object[] { "GIT", "https://github.com/openssl/openssl", "1.0.1", "1.0.1f", "1.0.1g", "1.0.0t", "1.0.2z", "1.0.2za" },
        new object[] { "GIT", "https://git.lighttpd.net/lighttpd/lighttpd1.4", "1.4.46", "1.4.59", "1.4.64", "1.4.45", "1.4.65", "1.4.66" },
    ];

    [TestCaseSource(nameof(Edges))]
    public void IntroducedAndFixed(string ecosystem, string package, string introduced, string inside, string fixedIn, string below, string _, string __)
    {
        OsvRecord r = Record(ecosystem, package, ("introduced", introduced), ("fixed", fixedIn));
        Assert.Multiple(() =>
        {
            Assert.That(Fix(r, ecosystem, package, below), Is.Null, $"{below}: before introduced");
            Assert.That(Fix(r, ecosystem, package, introduced), Is.EqualTo(fixedIn), $"{introduced}: introduced is affected");
            Assert.That(Fix(r, ecosystem, package, inside), Is.EqualTo(fixedIn), $"{inside}: inside");
            Assert.That(Fix(r, ecosystem, package, fixedIn), Is.Null, $"{fixedIn}: the fixed version is not affected");
        });
    }

    [TestCaseSource(nameof(Edges))]
    public void LastAffected(string ecosystem, string package, string _, string inside, string __, string below, string last, string afterLast)
    {
        OsvRecord r = Record(ecosystem, package, ("introduced", "0"), ("last_affected", last));
        Assert.Multiple(() =>
        {
            Assert.That(Fix(r, ecosystem, package, below), Does.StartWith("none known"), $"{below}: introduced 0 is before every version");
            Assert.That(Fix(r, ecosystem, package, last), Is.EqualTo($"none known (last affected {last})"), $"{last}: last_affected is affected");
            Assert.That(Fix(r, ecosystem, package, afterLast), Is.Null, $"{afterLast}: after last_affected");
        });
    }

    [TestCaseSource(nameof(Edges))]
    public void UnboundedAndLimit(string ecosystem, string package, string introduced, string inside, string fixedIn, string below, string _, string afterLast)
    {
        OsvRecord open = Record(ecosystem, package, ("introduced", introduced));
        OsvRecord limited = Record(ecosystem, package, ("introduced", "0"), ("limit", fixedIn));
        Assert.Multiple(() =>
        {
            Assert.That(Fix(open, ecosystem, package, below), Is.Null, $"{below}: before an unbounded range");
            Assert.That(Fix(open, ecosystem, package, afterLast), Is.EqualTo("none known"), $"{afterLast}: an unbounded range goes on");
            Assert.That(Fix(limited, ecosystem, package, inside), Is.EqualTo("none known"), $"{inside}: below the limit");
            Assert.That(Fix(limited, ecosystem, package, fixedIn), Is.Null, $"{fixedIn}: at the limit");
        });
    }

    [Test]
    public void SeveralBranchesEachHaveTheirOwnFix()
    {
        // CVE-2019-11477 as the sample gives it: each stable branch fixed in its own release.
        OsvRecord r = Record("Linux", "Kernel", ("introduced", "2.6.29"), ("fixed", "4.4.182"), ("introduced", "4.5"), ("fixed", "4.9.182"),
            ("introduced", "4.10"), ("fixed", "4.14.127"), ("introduced", "4.15"), ("fixed", "4.19.52"));
        Assert.Multiple(() =>
        {
            Assert.That(Fix(r, "Linux", "Kernel", "4.4.181"), Is.EqualTo("4.4.182"));
            Assert.That(Fix(r, "Linux", "Kernel", "4.4.200"), Is.Null, "fixed on its branch");
            Assert.That(Fix(r, "Linux", "Kernel", "4.9.84"), Is.EqualTo("4.9.182"));
            Assert.That(Fix(r, "Linux", "Kernel", "4.14.180"), Is.Null);
            Assert.That(Fix(r, "Linux", "Kernel", "4.19.51"), Is.EqualTo("4.19.52"));
            Assert.That(Fix(r, "Linux", "Kernel", "5.4.71"), Is.Null, "after the last range");
            Assert.That(Fix(r, "Linux", "Kernel", "2.6.28"), Is.Null, "before the first");
        });
    }

    [Test]
    public void EventsNeedNotBeInOrder()
    {
        OsvRecord r = Record("GIT", "https://git.busybox.net/busybox", ("fixed", "1.30.1"), ("introduced", "1.20.0"));
        Assert.That(Fix(r, "GIT", "https://git.busybox.net/busybox", "1.29.3"), Is.EqualTo("1.30.1"));
    }

    [Test]
    public void ADebianReleaseCoversOnlyItsOwnPackages()
    {
        OsvRecord bookworm = Record("Debian:12", "openssl", ("introduced", "0"), ("fixed", "3.0.11-1~deb12u1"));
        OsvRecord any = Record("Debian", "openssl", ("introduced", "0"), ("fixed", "3.0.11-1~deb12u1"));
        Assert.Multiple(() =>
        {
            Assert.That(Fix(bookworm, "Debian:11", "openssl", "1.1.1k-1"), Is.Null, "a Debian 12 record says nothing of Debian 11");
            Assert.That(Fix(bookworm, "Debian:12", "openssl", "3.0.9-1"), Is.EqualTo("3.0.11-1~deb12u1"));
            Assert.That(Fix(any, "Debian:11", "openssl", "1.1.1k-1"), Is.EqualTo("3.0.11-1~deb12u1"), "plain Debian covers every release");
            Assert.That(Fix(bookworm, "Debian:12", "libssl3", "3.0.9-1"), Is.Null, "another package");
        });
    }

    [Test]
    public void OsvsGitExportIsMatchedByItsListedReleaseTags()
    {
        string json = """
            { "id": "CVE-2018-1000517", "modified": "2026-12-02T00:00:00Z",
              "affected": [ { "ranges": [ { "type": "GIT", "repo": "https://git.busybox.net/busybox",
                                            "events": [ { "introduced": "0" }, { "fixed": "8e2174e9bd836e53c8b9c6e00d1bc6e2a718686e" } ] } ],
                              "versions": [ "1_27_2", "1_28_4" ] } ] }
            """;
        OsvRecord r = Read(json);
        const string Busybox = "https://git.busybox.net/busybox.git";
        Assert.Multiple(() =>
        {
            Assert.That(Fix(r, "GIT", Busybox, "1.28.4"), Is.EqualTo("none known (listed as affected)"));
            Assert.That(Fix(r, "GIT", Busybox, "1.29.0"), Is.Null, "not listed; the commit range is not evaluated");
            Assert.That(Fix(r, "GIT", "https://github.com/mkj/dropbear", "1.28.4"), Is.Null, "another repository");
        });
    }

    [Test]
    public void AnUnknownEcosystemIsLeftAlone()
    {
        OsvRecord r = Record("PyPI", "busybox", ("introduced", "0"));
        Assert.That(Fix(r, "PyPI", "busybox", "1.0"), Is.Null);
    }

    internal static OsvRecord Record(string ecosystem, string package, params (string Kind, string Version)[] events)
    {
        var e = string.Join(", ", events.Select(x => $$"""{ "{{x.Kind}}": "{{x.Version}}" }"""));
        return Read($$"""
            { "id": "TEST-1", "modified": "2026-12-02T00:00:00Z",
              "affected": [ { "package": { "ecosystem": "{{ecosystem}}", "name": "{{package}}" },
                              "ranges": [ { "type": "ECOSYSTEM", "events": [ {{e}} ] } ] } ] }
            """);
    }

    private static OsvRecord Read(string json) => OsvRecordReader.Read(Encoding.UTF8.GetBytes(json), "test.json");

    private static string? Fix(OsvRecord r, string ecosystem, string package, string version) =>
        KnownVulnerabilities.Affects(r, new Component("x", version, ecosystem, package, "application", []));
}
