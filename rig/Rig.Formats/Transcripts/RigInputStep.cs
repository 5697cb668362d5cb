using System.Text;
using System.Text.RegularExpressions;

namespace Rig.Formats.Transcripts;

/// <summary>
/// <c>tx</c> / <c>tx_match</c>: the replay waits until the rig has typed exactly <see cref="Text"/>,
/// or input that <see cref="Pattern"/> matches, before it goes on.
/// </summary>
/// <remarks>
/// Input is searched as Latin-1 (one char per byte, like the rig's expect patterns), so a pattern's
/// offsets are byte offsets and stray binary input cannot break it.
/// </remarks>
public sealed record RigInputStep : TranscriptStep
{
    /// <summary>How long one pattern match may run: the input comes from outside the device.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex? _regex;

    private RigInputStep(byte[]? text, string? pattern, int line)
        : base(line)
    {
        Text = text;
        Pattern = pattern;
        if (pattern is not null)
        {
            _regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    /// <summary>The exact bytes to wait for (tx), or null for a pattern step.</summary>
    public byte[]? Text { get; }

    /// <summary>The regular expression to wait for (tx_match), or null for an exact step.</summary>
    public string? Pattern { get; }

    /// <summary>For logs: <c>tx "id\r"</c> or <c>tx_match /pattern/</c>, control characters escaped.</summary>
    public string Describe => Text is not null
        ? $"tx \"{Printable(Encoding.Latin1.GetString(Text))}\""
        : $"tx_match /{Printable(Pattern!)}/";

    /// <summary>A step that waits for exactly <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">Empty, or longer than <see cref="ConsoleTranscript.MaxInputBytes"/>.</exception>
    public static RigInputStep Exactly(ReadOnlySpan<byte> text, int line = 0)
    {
        if (text.IsEmpty || text.Length > ConsoleTranscript.MaxInputBytes)
        {
            throw new ArgumentException($"tx must be 1 to {ConsoleTranscript.MaxInputBytes} bytes, not {text.Length}", nameof(text));
        }

        return new RigInputStep(text.ToArray(), null, line);
    }

    /// <summary>A step that waits for input matching <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">Not a valid .NET regular expression, or it matches empty input (the step would never wait).</exception>
    public static RigInputStep Matching(string pattern, int line = 0)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var step = new RigInputStep(null, pattern, line);
        if (step._regex!.IsMatch(string.Empty))
        {
            throw new ArgumentException("it matches empty input, so the step would never wait", nameof(pattern));
        }

        return step;
    }

    /// <summary>Where the awaited input ends in <paramref name="input"/> (the bytes received so far), or -1 while it has not arrived.</summary>
    public int MatchEnd(ReadOnlySpan<byte> input)
    {
        if (Text is not null)
        {
            int at = input.IndexOf(Text);
            return at < 0 ? -1 : at + Text.Length;
        }

        try
        {
            Match m = _regex!.Match(Encoding.Latin1.GetString(input));
            return m.Success ? m.Index + m.Length : -1;
        }
        catch (RegexMatchTimeoutException)
        {
            return -1; // hostile or pathological input: keep waiting rather than release on a guess
        }
    }

    private static string Printable(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 80 ? s[..80] : s)
        {
            sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' or (>= '\x7f' and <= '\x9f') => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return s.Length > 80 ? sb.Append("...").ToString() : sb.ToString();
    }
}
