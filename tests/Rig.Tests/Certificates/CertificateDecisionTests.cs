using Rig.Engine.Journal;
using Rig.Engine.Reporting;
using Rig.Reports.Certificates;
using Rig.Tests.Reports;

namespace Rig.Tests.Certificates;

/// <summary>The certificate comes from the journal's ladder decision alone: none for a failed device, and the ladder round-trips through the journal.</summary>
public class CertificateDecisionTests
{
    private static readonly LadderIdentity Scheme = new("ladder", "Test ladder", "1", "std", "ladder.yaml", new string('f', 64), "levels in order");

    private static readonly LevelRecord[] Levels =
    [
        new("A", "Level A", "std A", "rule A", "met", [new ProvisionRecord("A a.1", "first", "met", ["P1 pass"])], ["a.9 a document"]),
        new("B", "Level B", "std B", "rule B", "not met", [new ProvisionRecord("B b.1", "second", "not met", ["P2 fail"])], ["b.9 a process"]),
    ];

    private static RunJournal Journal(TempDir dir, LadderResultEvent e)
    {
        string path = dir["journal.jsonl"];
        using (var w = new JournalWriter(path))
        {
            w.Append(e);
        }

        return JournalReader.Read(path);
    }

    [Test]
    public void AFailedDeviceGetsNoCertificateAndItsJournalSaysWhichLevelFailedWhere()
    {
        using var dir = new TempDir();
        var failed = new LadderResultEvent(Scheme, null, "No level is met; level A is not met: A a.1 not met (P1 fail).",
            [Levels[0] with { Outcome = "not met" }, Levels[1] with { Outcome = "not reached" }], null, "no level was met");
        RunJournal journal = Journal(dir, failed);

        Assert.That(CertificateBuilder.Build(journal, SampleReports.Ordinary(), new string('0', 64), CertificateStatus.Valid), Is.Null);
        Assert.That(journal.LadderResult!.Statement, Is.EqualTo(failed.Statement));
        Assert.That(journal.LadderResult.NoCertificate, Is.EqualTo("no level was met"));
    }

    [Test]
    public void AMetLevelGivesACertificateWithTheTermsTheRegistryEntryAndTheDeskReviewUpToThatLevel()
    {
        using var dir = new TempDir();
        var met = new LadderResultEvent(Scheme, "A", "Level A (Level A) is met; level B is not met: B b.1 not met (P2 fail).", Levels,
            new CertificateRecord("2026-12-02", "2028-12-31", "the end of the declared security support period (2028-12-31)", "2028-12-31", true, "https://registry.lab.example/"), null);
        RunJournal journal = Journal(dir, met);

        CertificateModel? c = CertificateBuilder.Build(journal, SampleReports.Ordinary(), new string('0', 64), CertificateStatus.Valid);
        Assert.That(c, Is.Not.Null);
        Assert.That(c!.Level.Id, Is.EqualTo("A"));
        Assert.That(c.ValidUntil, Is.EqualTo("2028-12-31"));
        Assert.That(c.SupportUntil, Is.EqualTo("2028-12-31"));
        Assert.That(c.RegistryUrl, Is.EqualTo("https://registry.lab.example/certificates/" + SampleReports.ReportId + "/"));
        Assert.That(c.DeskReview, Is.EqualTo(new[] { "A a.9 a document" }), "only the desk review of the levels claimed");
        Assert.That(c.Status, Is.SameAs(CertificateStatus.Valid));
    }
}
