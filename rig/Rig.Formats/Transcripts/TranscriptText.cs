using System.Globalization;
using System.Text;

namespace Rig.Formats.Transcripts;

/// <summary>How device text is spelled in a transcript line: a JSON string a human can read and diff.</summary>
/// <remarks>
/// Printable text, including non-ASCII, stays as it is. Control characters, DEL, C1 controls and
/// invisible format characters (bidi overrides, zero-width spaces) are escaped, so hostile device
/// output can neither hide in the file nor act on the terminal of whoever views it.
/// </remarks>
internal static class TranscriptText
{
    /// <summary>Strict UTF-8: invalid bytes or lone surrogates throw instead of turning into U+FFFD.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="data"/> when it is valid UTF-8, else null (it goes to rx_b64).</summary>
    public static string? TryDecode(ReadOnlySpan<byte> data)
    {
        try
        {
            return Utf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Appends <paramref name="text"/> as a quoted JSON string.</summary>
    public static void AppendQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (NeedsEscape(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\x7f' and <= '\x9f' || c is '\u2028' or '\u2029'
        || char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
