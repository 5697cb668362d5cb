using System.Text;
using Rig.Protocols.Processes;

namespace Rig.Tests.Power;

public class OutputTailTests
{
    [Test]
    public void KeepsEverythingWhileItFits()
    {
        var tail = new OutputTail(8);
        tail.Append("abc"u8);
        tail.Append("de"u8);
        Assert.That(tail.ToArray(), Is.EqualTo("abcde"u8.ToArray()));
        Assert.That(tail.Total, Is.EqualTo(5));
    }

    [Test]
    public void KeepsTheLastBytesInOrderAcrossWrapsAndOversizedChunks()
    {
        var tail = new OutputTail(8);
        var all = new StringBuilder();
        foreach (string chunk in new[] { "0123456", "789", "abcdefghijklmnopq", "rs", "t" })
        {
            tail.Append(Encoding.ASCII.GetBytes(chunk));
            all.Append(chunk);
            string expected = all.ToString()[Math.Max(0, all.Length - 8)..];
            Assert.That(Encoding.ASCII.GetString(tail.ToArray()), Is.EqualTo(expected), $"after \"{chunk}\"");
        }

        Assert.That(tail.Total, Is.EqualTo(all.Length));
    }

    [Test]
    public void TheLastLineIsTheLastNonEmptyOneMadePrintableAndCut()
    {
        var tail = new OutputTail(64);
        tail.Append("first\nsecond \u001b[31mred\r\n\n  \n"u8);
        Assert.That(tail.LastLine(), Is.EqualTo("second ?[31mred"));
        Assert.That(tail.LastLine(max: 6), Is.EqualTo("second..."));
        Assert.That(new OutputTail(4).LastLine(), Is.Empty);
    }

    [Test]
    public void InvalidUtf8BecomesReplacementCharacters()
    {
        var tail = new OutputTail(16);
        tail.Append([0x6f, 0xff, 0xfe, 0x6b]);
        Assert.That(tail.ToText(), Is.EqualTo("o\uFFFD\uFFFDk"));
    }
}
