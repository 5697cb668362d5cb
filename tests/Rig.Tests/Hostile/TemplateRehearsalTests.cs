using Rig.Tests.Cli;

namespace Rig.Tests.Hostile;

/// <summary>A lab's template is rendered with a sample report and its output linted before any device is powered.</summary>
public class TemplateRehearsalTests
{
    private static string BuiltIn()
    {
        using Stream html = typeof(Rig.Reports.Rendering.ReportRenderer).Assembly.GetManifestResourceStream("Rig.Reports.Templates.report.html.hbs")!;
        using var reader = new StreamReader(html);
        return reader.ReadToEnd();
    }

    [TestCase("<head>", "<script>alert(1)</script><head>", "<script> is not allowed in a report")]
    [TestCase("{{reportHead}}", "{{reportHead}}<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">", "is not allowed (a refresh leaves the report)")]
    [TestCase("</body>", "<img src=\"https://example.org/pixel.png\"></body>", "refers outside the report")]
    [TestCase("</body>", "<p style=\"background:url(https://example.org/x)\"></p></body>", "from outside the report")]
    [TestCase("</body>", "{{#each plans}}{{nosuchfield}}{{/each}}</body>", "nosuchfield")]
    public void ATemplateThatRendersBadlyFailsBeforeAnythingIsPowered(string at, string with, string reason)
    {
        using var dir = new TempDir();
        string template = dir["template"];
        Directory.CreateDirectory(template);
        string html = BuiltIn();
        Assert.That(html, Does.Contain(at));
        File.WriteAllText(Path.Combine(template, "report.html.hbs"), html.Replace(at, with, StringComparison.Ordinal));

        var (exit, _, stderr) = RigProcess.Run(dir.Path, "certify", "--slot", "slot1", "--profile", "vcam-vulnerable", "--key", dir["absent.pem"],
            "--out", dir["out"], "--state-root", dir["state"], "--template", template);

        Assert.That(exit, Is.EqualTo(2), stderr);
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("report.html.hbs").And.Contain(reason));
        Assert.That(Directory.Exists(dir["state"]), Is.False, "nothing was powered");
    }

    [Test]
    public void TheBuiltInTemplatePassesItsOwnRehearsal() =>
        Assert.That(() => new Rig.Reports.Rendering.ReportRenderer().Rehearse(), Throws.Nothing);
}
