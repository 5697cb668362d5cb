using System.Text;
using Rig.Cli.Terminal;

namespace Rig.Tests.Cli;

public class StringControlFilterTests
{
    private static string Run(StringControlFilter filter, string input)
    {
        byte[] inBytes = Encoding.Latin1.GetBytes(input);
        byte[] outBytes = new byte[StringControlFilter.MaxOutput(inBytes.Length)];
        return Encoding.Latin1.GetString(outBytes, 0, filter.Filter(inBytes, outBytes));
    }

    [Test]
    public void ClipboardTitleAndDeviceControlStringsAreDropped()
    {
        var f = new StringControlFilter();
        Assert.That(Run(f, "a\x1b]52;c;cm0gLXJmIH4=\u0007b"), Is.EqualTo("ab"));            // OSC 52 clipboard write, BEL-terminated
        Assert.That(Run(f, "c\x1b]0;pwned\x1b\\d"), Is.EqualTo("cd"));                    // window title, ST-terminated
        Assert.That(Run(f, "e\x1bPq#0;2;0;0;0\x1b\\f"), Is.EqualTo("ef"));                // DCS (sixel)
    }

    [Test]
    public void ColoursAndCursorMovesPass()
    {
        var f = new StringControlFilter();
        Assert.That(Run(f, "\x1b[1;31mred\x1b[0m\x1b[2K"), Is.EqualTo("\x1b[1;31mred\x1b[0m\x1b[2K"));
    }

    [Test]
    public void Utf8TextWithC1ContinuationBytesPasses()
    {
        var f = new StringControlFilter();
        byte[] text = Encoding.UTF8.GetBytes("ŝ 乐 摄像机\r\n"); // ŝ is C5 9D: 0x9D must not start an OSC
        byte[] output = new byte[StringControlFilter.MaxOutput(text.Length)];
        Assert.That(output.AsSpan(0, f.Filter(text, output)).ToArray(), Is.EqualTo(text));
    }

    [Test]
    public void AStringSplitAcrossChunksIsStillDropped()
    {
        var f = new StringControlFilter();
        Assert.That(Run(f, "x\x1b"), Is.EqualTo("x"));
        Assert.That(Run(f, "]52;c;AAAA"), Is.EqualTo(string.Empty));
        Assert.That(Run(f, "BBBB\u0007y"), Is.EqualTo("y"));
    }

    [Test]
    public void AnUnterminatedStringCannotSwallowTheSessionForever()
    {
        var f = new StringControlFilter();
        Run(f, "\x1b]" + new string('z', 70_000));
        Assert.That(Run(f, "visible"), Is.EqualTo("visible"));
    }
}
