using System.Text;
using Rig.Reports.Text;

namespace Rig.Tests.Reports;

public class DeviceTextTests
{
    private static string Show(string text) => DeviceText.Show(Encoding.UTF8.GetBytes(text));

    [Test]
    public void AnsiColourAndCursorSequencesVanish()
    {
        Assert.That(Show("\u001b[1;31mFAIL\u001b[0m \u001b[2J\u001b[Hdone"), Is.EqualTo("FAIL done"));
    }

    [Test]
    public void SingleAndCharsetEscapesVanish()
    {
        Assert.That(Show("\u001b7a\u001b8\u001b(Bb\u001bcc"), Is.EqualTo("abc"));
    }

    [TestCase("\u001b]0;owned\u0007ok", "<OSC>ok")]
    [TestCase("\u001b]8;;http://127.0.0.1:9/\u001b\\link\u001b]8;;\u001b\\", "<OSC>link<OSC>")]
    [TestCase("\u001bPq#0;2;0;0;0\u001b\\x", "<DCS>x")]
    public void StringSequencesLeaveAMarker(string input, string expected)
    {
        Assert.That(Show(input), Is.EqualTo(expected));
    }

    [Test]
    public void AnUnterminatedSequenceCannotHideWhatFollows()
    {
        Assert.That(Show("\u001b]0;title\nlogin: root"), Is.EqualTo("\u241b]0;title\nlogin: root"));
        Assert.That(Show("x\u001b"), Is.EqualTo("x\u241b"));
        string longCsi = "\u001b[" + new string('1', 100) + "m";
        Assert.That(Show(longCsi), Does.StartWith("\u241b[111"));
    }

    [Test]
    public void ControlCharactersAreShownAsSymbols()
    {
        Assert.That(Show("a\0b\u0007c\u007fd\te\u0008"), Is.EqualTo("a\u2400b\u2407c\u2421d\te\u2408"));
    }

    [Test]
    public void CarriageReturnsBecomeLineBreaks()
    {
        Assert.That(Show("a\r\nb\rc\r\r\nd\n"), Is.EqualTo("a\nb\nc\nd\n"));
    }

    [Test]
    public void InvalidUtf8BecomesReplacementCharacters()
    {
        Assert.That(DeviceText.Show([0xC3, 0x28, 0xFF, 0xE2, 0x82]), Is.EqualTo("\uFFFD(\uFFFD\uFFFD"));
    }

    [Test]
    public void ValidUtf8IsKept()
    {
        Assert.That(Show("Grüße € 日本 \U0001F600"), Is.EqualTo("Grüße € 日本 \U0001F600"));
    }

    [TestCase("\u202E", "<U+202E>")]
    [TestCase("\u202A", "<U+202A>")]
    [TestCase("\u2066", "<U+2066>")]
    [TestCase("\u2069", "<U+2069>")]
    [TestCase("\u200F", "<U+200F>")]
    [TestCase("\u200B", "<U+200B>")]
    [TestCase("\u0085", "<U+0085>")]
    [TestCase("\u2028", "<U+2028>")]
    [TestCase("\U000E0041", "<U+E0041>")]
    public void InvisibleAndReorderingCharactersAreNamed(string character, string shown)
    {
        Assert.That(Show("PASS" + character + "x"), Is.EqualTo("PASS" + shown + "x"));
    }

    [Test]
    public void OutputStopsAtTheCapAndSaysHowMuchWasUsed()
    {
        byte[] data = Enumerable.Repeat((byte)'A', 1000).ToArray();
        string text = DeviceText.Show(data, 100, out int consumed);
        Assert.That(text, Has.Length.EqualTo(100));
        Assert.That(consumed, Is.EqualTo(100));

        string marked = DeviceText.Show(new string('A', 1000), 100)!;
        Assert.That(marked, Does.StartWith(new string('A', 100) + " "));
        Assert.That(marked, Does.Contain("900 more bytes not shown"));
    }

    [Test]
    public void ShowLineStopsAfterTheFirstLineBreak()
    {
        byte[] data = Encoding.ASCII.GetBytes("one\r\ntwo\n");
        Assert.That(DeviceText.ShowLine(data, 100, out int consumed), Is.EqualTo("one"));
        Assert.That(consumed, Is.EqualTo(5));
    }
}
