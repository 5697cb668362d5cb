using System.Text.RegularExpressions;
using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Tests.Expect;

/// <summary>The reach of a pattern bounds the look-back; it must never be less than what the pattern can match.</summary>
public class PatternReachTests
{
    [TestCase("login: ", 7)]
    [TestCase("BENCH-END [0-9a-f]{16}", 26)]
    [TestCase(@"(?i)login:\s?", 7)]
    [TestCase(@"uid=(?<uid>\d{1,5})\((?<user>[^)\r\n]{0,32})\)", 43)]
    [TestCase(@"(?m)^U-Boot (?:SPL )?\d{4}\.\d{2}[^\r\n]{0,80}", 98)]
    [TestCase("a|bcd|ef", 3)]
    [TestCase(@"(?<=\[)x", 2)]
    [TestCase("(?:ab){2,3}c?", 7)]
    [TestCase(@"x{2,}", null)]
    [TestCase(@"login:\s*$", null)]
    [TestCase(@"(a)\1", null)]
    [TestCase("(?x) a b", null)]
    [TestCase("a{,3}", 5)] // not a quantifier in .NET: five literal characters
    public void ReachIsTheLongestPossibleMatch(string pattern, int? reach)
    {
        Assert.That(PatternReach.Parse(pattern), Is.EqualTo(reach));
    }

    [Test]
    public void EveryDeathPatternIsBoundedAndNoMatchIsLongerThanItsReach()
    {
        string[] samples =
        [
            "Kernel panic - not syncing: " + new string('x', 500),
            "[   1.000000]   Oops: " + new string('y', 500),
            "watchdog: watchdog0: " + new string(' ', 30) + " reset " + new string('z', 500),
            "U-Boot SPL 2020.01 " + new string('v', 500),
        ];
        foreach (DeathPattern d in DeathPatterns.Builtin)
        {
            int? reach = PatternReach.Of(d.Pattern);
            Assert.That(reach, Is.Not.Null.And.LessThan(300), d.Source);
            foreach (string sample in samples)
            {
                foreach (Match m in d.Pattern.Matches(sample))
                {
                    Assert.That(m.Length, Is.LessThanOrEqualTo(reach!.Value), d.Source);
                }
            }
        }
    }

    [Test]
    public void AMatchStraddlingManySmallChunksIsFoundWithTheBoundedLookBack()
    {
        var buffer = new ExpectBuffer();
        Regex[] patterns = [new Regex("BENCH-END [0-9a-f]{16}")];
        string text = new string('.', 5000) + "BENCH-END 0123456789abcdef";
        ExpectHit? found = null;
        for (int at = 0; at < text.Length && found is null; at += 7)
        {
            buffer.Append(System.Text.Encoding.ASCII.GetBytes(text.Substring(at, Math.Min(7, text.Length - at))));
            found = buffer.Scan(patterns);
        }

        Assert.That(found?.Text, Is.EqualTo("BENCH-END 0123456789abcdef"));
        Assert.That(found!.StreamOffset, Is.EqualTo(5000));
    }

    [Test]
    public void ALineAnchorDoesNotTakeTheScansStartForALineStart()
    {
        var buffer = new ExpectBuffer();
        buffer.Append("noise and then U-Boot in the middle of a line"u8);
        Assert.That(buffer.Scan([new Regex("then ")])?.StreamOffset, Is.EqualTo(10)); // consumed up to "U-Boot"
        Regex[] patterns = [new Regex("(?m)^U-Boot")];
        Assert.That(buffer.Scan(patterns), Is.Null, "the scan began mid-line; '^' must see the character before it");
        buffer.Append("\nU-Boot"u8);
        Assert.That(buffer.Scan(patterns)?.StreamOffset, Is.EqualTo(46));
    }
}
