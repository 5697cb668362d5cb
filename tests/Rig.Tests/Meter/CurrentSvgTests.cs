using System.Xml.Linq;
using Rig.Reports.Model;
using Rig.Reports.Rendering;

namespace Rig.Tests.Meter;

/// <summary>The timeline's current row: bounded whatever the journal holds, and a gap in the readings drawn as a gap.</summary>
public class CurrentSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static List<XElement> Lines(IReadOnlyList<CurrentReading> readings, long durationNs)
    {
        var timeline = new Timeline(durationNs, [], [], [], readings);
        XElement svg = XElement.Parse(TimelineSvg.Render(timeline));
        return [.. svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "current").Elements(Svg + "polyline")];
    }

    private static int Points(XElement line) => ((string)line.Attribute("points")!).Split(' ').Length;

    [Test]
    public void ReadingsAtASteadyRateAreOneLine()
    {
        // 10 readings a second for 5 s: fewer readings than columns, still one line.
        List<XElement> lines = Lines([.. Enumerable.Range(0, 50).Select(i => new CurrentReading(i * 100_000_000L, 100 + i))], 5_000_000_000);
        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(Points(lines[0]), Is.EqualTo(50));
    }

    [Test]
    public void AGapInTheReadingsBreaksTheLine()
    {
        // Readings every 100 ms, none from 2 s to 4 s (the meter did not answer).
        CurrentReading[] readings = [.. Enumerable.Range(0, 60).Where(i => i < 20 || i >= 40).Select(i => new CurrentReading(i * 100_000_000L, 50))];
        List<XElement> lines = Lines(readings, 6_000_000_000);
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines.Select(Points), Is.EqualTo(new[] { 20, 20 }));
    }

    [Test]
    public void AMillionReadingsAreAtMostOnePointPerColumnAndTheInrushSurvives()
    {
        CurrentReading[] readings = [.. Enumerable.Range(0, 1_000_000).Select(i => new CurrentReading(i * 1_000_000L, i == 500_123 ? 900 : 120))];
        List<XElement> lines = Lines(readings, 1_000_000_000_000);
        Assert.That(lines.Sum(Points), Is.EqualTo(CurrentSvg.Columns));
        double[] ys = [.. lines.SelectMany(l => ((string)l.Attribute("points")!).Split(' ')).Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.That(ys.Count(y => y == ys.Min()), Is.EqualTo(1), "one column holds the 1 ms spike, drawn at the top of the scale");
    }

    [Test]
    public void ATimelineWithoutReadingsHasNoCurrentRow()
    {
        string svg = TimelineSvg.Render(new Timeline(1_000_000_000, [], [], []));
        Assert.That(svg, Does.Not.Contain("current").And.Not.Contain("Current"));
    }
}
