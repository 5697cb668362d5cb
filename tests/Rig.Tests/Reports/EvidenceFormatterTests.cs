using Rig.Reports.Model;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

public class EvidenceFormatterTests
{
    [TestCase(12_345_678_901L, "+12.345 s")]
    [TestCase(0L, "+0.000 s")]
    [TestCase(999_999L, "+0.000 s")]
    [TestCase(-1_500_000_000L, "-1.500 s")]
    [TestCase(long.MinValue, "-9223372036.854 s")]
    public void TimeColumnShowsSecondsSinceTheTestStarted(long offsetNs, string expected)
    {
        Assert.That(EvidenceFormatter.Time(offsetNs).Trim(), Is.EqualTo(expected));
    }

    [Test]
    public void MultiLineDataContinuesWithABlankTimeColumn()
    {
        var evidence = new Evidence("t", EvidenceKinds.Console,
            [new EvidenceLine(2_000_000_000, "rx", SampleReports.Bytes("one\r\ntwo\n")), new EvidenceLine(3_000_000_000, null, [])]);

        EvidenceView view = EvidenceFormatter.Format(evidence);

        Assert.That(view.Rows.Select(r => (r.Time.Trim(), r.Direction, r.Text)), Is.EqualTo(new[]
        {
            ("+2.000 s", "rx", "one"),
            ("", "  ", "two"),
            ("+3.000 s", "  ", ""),
        }));
        Assert.That(view.Rows[1].Time, Has.Length.EqualTo(view.Rows[0].Time.Length));
        Assert.That(view.Cut, Is.Null);
    }

    [Test]
    public void AHugeBlockIsCutAndTheMarkerCountsTheBytesNotShown()
    {
        byte[] huge = Enumerable.Repeat((byte)'A', 1024 * 1024).ToArray();
        var evidence = new Evidence("t", EvidenceKinds.Console,
            [new EvidenceLine(0, "rx", huge), new EvidenceLine(1, "rx", SampleReports.Bytes("after\n"))]);

        EvidenceView view = EvidenceFormatter.Format(evidence);

        int shown = view.Rows.Sum(r => r.Text.Length);
        Assert.That(view.Rows.Sum(r => r.Time.Length + r.Direction.Length + r.Text.Length + 3),
            Is.LessThanOrEqualTo(EvidenceFormatter.MaxBlockChars));
        Assert.That(shown, Is.GreaterThan(60 * 1024));
        Assert.That(view.Cut, Does.Contain($"{huge.Length - shown + 6} more bytes not shown"));
    }

    [Test]
    public void ManyEmptyLinesCannotInflateTheReport()
    {
        var lines = Enumerable.Range(0, 100_000).Select(i => new EvidenceLine(i, "rx", SampleReports.Bytes("\n"))).ToArray();

        EvidenceView view = EvidenceFormatter.Format(new Evidence("t", EvidenceKinds.Console, lines));

        Assert.That(view.Rows.Count, Is.LessThan(5000));
        Assert.That(view.Cut, Is.Not.Null);
    }
}
