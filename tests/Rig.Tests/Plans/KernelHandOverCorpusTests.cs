using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Actions;

namespace Rig.Tests.Plans;

/// <summary>
/// BOOT-01 stops typing when the bootloader hands over to the kernel (Ctrl-C typed into a booting
/// system kills its start-up). On the real boot logs of tests/corpus/consoles: the hand-over is
/// seen in every Linux boot, never before a bootloader's autoboot countdown has ended (the keys
/// must still be typed while it runs), and always before the boot's first prompt.
/// </summary>
public class KernelHandOverCorpusTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "corpus", "consoles");
    private static readonly Regex Countdown = new(@"(?i)hit any key to stop autoboot|autoboot in \d|press any key");
    private static readonly Regex FirstPrompt = new(@"(?m)^[\x20-\x7E]{0,48}login: |^[\x20-\x22\x25-\x3C\x3F-\x7E]{0,48}[#$] $");

    [Test]
    public void TheHandOverFollowsTheCountdownAndPrecedesThePrompt()
    {
        var wrong = new List<string>();
        int linux = 0, withCountdown = 0;
        foreach (string file in Directory.EnumerateFiles(Dir, "*.log").Order(StringComparer.Ordinal))
        {
            string text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            string name = Path.GetFileName(file);
            Match handOver = InterruptAction.KernelStarted.Match(text);
            if (!Regex.IsMatch(text, @"Linux version \d"))
            {
                continue; // an RTOS or a bare bootloader: the keys go on to the window's end, as before
            }

            linux++;
            if (!handOver.Success)
            {
                wrong.Add($"{name}: a Linux boot whose hand-over is not seen");
                continue;
            }

            Match countdown = Countdown.Match(text);
            if (countdown.Success)
            {
                withCountdown++;
                if (handOver.Index < countdown.Index)
                {
                    wrong.Add($"{name}: hand-over seen at {handOver.Index}, before the autoboot countdown at {countdown.Index}");
                }
            }

            Match prompt = FirstPrompt.Match(text);
            if (prompt.Success && prompt.Index < handOver.Index)
            {
                wrong.Add($"{name}: the first prompt ({prompt.Value.Trim()}) at {prompt.Index} comes before the hand-over at {handOver.Index}");
            }
        }

        TestContext.Out.WriteLine($"{linux} Linux boots, {withCountdown} with an autoboot countdown");
        Assert.That(wrong, Is.Empty);
        Assert.That(withCountdown, Is.GreaterThanOrEqualTo(3), "the corpus still has bootloader countdowns to check against");
    }
}
