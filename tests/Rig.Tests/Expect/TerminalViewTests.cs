using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Actions;
using Rig.Expect;

namespace Rig.Tests.Expect;

/// <summary>What patterns see of console bytes: terminal sequences dropped, a bare CR a line start, offsets raw.</summary>
public class TerminalViewTests
{
    private static readonly Regex Shell = new(ConsolePrompts.Shell, RegexOptions.NonBacktracking);
    private static readonly Regex Login = new(ConsolePrompts.Login, RegexOptions.NonBacktracking);

    private static ExpectHit? Feed(Regex pattern, params string[] reads)
    {
        var buffer = new ExpectBuffer();
        ExpectHit? hit = null;
        foreach (string read in reads)
        {
            buffer.Append(Encoding.Latin1.GetBytes(read));
            hit ??= buffer.Scan([pattern]);
        }

        return hit;
    }

    [TestCase("\r\n~ # \u001b[6n")]
    [TestCase("\r\n~ # ", "\u001b[6n")]
    [TestCase("\r\n~ # \u001b", "[6n")]
    [TestCase("\r\n~ # \u001b[", "6", "n")]
    [TestCase("\r\n\u001b[1;32mroot@vcam\u001b[0m:\u001b[1;34m~\u001b[0m# ")]
    [TestCase("\r\n\u001b]0;root@vcam: ~\u0007root@vcam:~# ")]
    [TestCase("\r\n\u001b[?2004hroot@vcam:~# ")]
    public void AShellPromptMatchesThroughTerminalSequencesAndSplitReads(params string[] reads)
    {
        Assert.That(Feed(Shell, reads)?.Text, Does.EndWith("# "));
    }

    [Test]
    public void OnRawBytesBusyboxsCursorQueryDefeatsAnEndAnchoredPrompt()
    {
        // The same bytes in one read: only the view makes an end-anchored prompt match.
        const string bytes = "\r\n~ # \u001b[6n";
        Assert.That(Shell.IsMatch(bytes), Is.False);
        Assert.That(new Regex(@"(?m)^[^\r\n#$]{0,48}[#$] $").IsMatch(bytes), Is.False);
        Assert.That(Feed(Shell, bytes), Is.Not.Null);
    }

    [TestCase("Starting getty\rvcam login: ")]
    [TestCase("Starting getty\r", "vcam login: ")]
    [TestCase("\r\n\r\r\u001b[Kvcam login: ")]
    [TestCase("\r\nvcam lo", "gin: ")]
    public void ALoginPromptAfterABareCarriageReturnIsAtALineStart(params string[] reads)
    {
        Assert.That(Feed(Login, reads)?.Text, Is.EqualTo("vcam login: "));
    }

    [Test]
    public void CrLfStaysOneLineEnd()
    {
        var buffer = new ExpectBuffer();
        buffer.Append("a\r"u8);
        buffer.Append("\nb\rc\r\n"u8);
        Assert.That(buffer.Tail(100), Is.EqualTo("a\r\nb\nc\r\n"));
    }

    [Test]
    public void OffsetsLeavingTheBufferAreRawStreamOffsets()
    {
        var buffer = new ExpectBuffer();
        byte[] raw = "boot \u001b[1;31mERROR\u001b[0m: disk\r\n"u8.ToArray();
        buffer.Append(raw);
        ExpectHit? hit = buffer.Scan([new Regex("ERROR: disk")]);
        Assert.That(hit, Is.Not.Null);
        Assert.That(hit!.StreamOffset, Is.EqualTo(Encoding.Latin1.GetString(raw).IndexOf("ERROR", StringComparison.Ordinal)));
        Assert.That(hit.StreamEnd, Is.EqualTo(Encoding.Latin1.GetString(raw).IndexOf("\r\n", StringComparison.Ordinal)));
        Assert.That(buffer.End, Is.EqualTo(raw.Length));
    }

    [Test]
    public void ASequenceThatNeverEndsHidesABoundedNumberOfBytes()
    {
        var buffer = new ExpectBuffer();
        buffer.Append(Encoding.Latin1.GetBytes("\u001b]" + new string('A', 1000) + "login: "));
        // ESC, ']' and 256 bytes of the title are hidden; the rest is text again.
        Assert.That(buffer.Tail(2000), Has.Length.EqualTo(1000 - 256 + "login: ".Length));
        Assert.That(buffer.Scan([new Regex("login: ")]), Is.Not.Null);
    }
}
