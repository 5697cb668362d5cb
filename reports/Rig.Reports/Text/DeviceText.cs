using System.Buffers;
using System.Globalization;
using System.Text;

namespace Rig.Reports.Text;

/// <summary>
/// Turns bytes a device sent into text that can be shown without letting the device steer
/// what a reader sees: terminal escape sequences are dropped, invisible and reordering
/// characters become visible markers, invalid UTF-8 becomes U+FFFD, and output is capped.
/// HTML escaping is not done here; the template engine applies it on top.
/// </summary>
public static class DeviceText
{
    // Longest escape sequences recognised; anything longer is shown, not swallowed, so an
    // unterminated sequence cannot hide the output that follows it.
    private const int MaxCsiBytes = 64;
    private const int MaxStringBytes = 512;
    private const byte Esc = 0x1B;

    /// <summary>
    /// Converts <paramref name="data"/> until the text would exceed <paramref name="maxChars"/>.
    /// Line breaks come out as "\n" (CR LF and lone CR included); tabs stay.
    /// </summary>
    /// <param name="consumed">How many input bytes the returned text covers; the rest were cut.</param>
    public static string Show(ReadOnlySpan<byte> data, int maxChars, out int consumed) =>
        Translate(data, maxChars, oneLine: false, out consumed);

    /// <summary>
    /// Like <see cref="Show(ReadOnlySpan{byte}, int, out int)"/> but stops after the first line
    /// break, which counts as consumed and is not part of the returned text.
    /// </summary>
    public static string ShowLine(ReadOnlySpan<byte> data, int maxChars, out int consumed) =>
        Translate(data, maxChars, oneLine: true, out consumed);

    private static string Translate(ReadOnlySpan<byte> data, int maxChars, bool oneLine, out int consumed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        var text = new StringBuilder(Math.Min(data.Length, maxChars));
        Span<char> piece = stackalloc char[16];
        int i = 0;
        while (i < data.Length)
        {
            int width = Next(data[i..], piece, out int used);
            if (oneLine && width == 1 && piece[0] == '\n')
            {
                i += used;
                break;
            }

            if (text.Length + width > maxChars)
            {
                break;
            }

            text.Append(piece[..width]);
            i += used;
        }

        consumed = i;
        return text.ToString();
    }

    /// <summary>Converts all of <paramref name="data"/>, uncapped.</summary>
    public static string Show(ReadOnlySpan<byte> data) => Show(data, int.MaxValue, out _);

    /// <summary>
    /// Applies the same rules to a string from the model (it may carry device text, e.g. a
    /// banner quoted in a reason), capped with a visible marker. Null stays null.
    /// </summary>
    public static string? Show(string? text, int maxChars)
    {
        if (text is null)
        {
            return null;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text); // lone surrogates become U+FFFD
        string shown = Show(bytes, maxChars, out int consumed);
        return consumed == bytes.Length ? shown : shown + " " + CutMarker(bytes.Length - consumed);
    }

    /// <summary>The marker that says how many bytes were not shown.</summary>
    public static string CutMarker(long bytes) =>
        "[\u2026 " + bytes.ToString(CultureInfo.InvariantCulture) + " more bytes not shown]";

    // Writes the display form of the next unit (a character or a whole escape sequence) into
    // piece, returning its width, and how many bytes it used.
    private static int Next(ReadOnlySpan<byte> s, Span<char> piece, out int used)
    {
        byte b = s[0];
        used = 1;
        switch (b)
        {
            case Esc:
                int length = EscapeLength(s, out string marker);
                if (length == 0)
                {
                    piece[0] = '\u241B'; // a stray ESC is shown as the control picture
                    return 1;
                }

                used = length;
                marker.CopyTo(piece);
                return marker.Length;
            case (byte)'\r':
                // CR LF, CR CR LF and a lone CR all end a line: nothing gets overwritten.
                int j = 1;
                while (j < s.Length && s[j] == '\r')
                {
                    j++;
                }

                used = j < s.Length && s[j] == '\n' ? j + 1 : j;
                piece[0] = '\n';
                return 1;
            case (byte)'\n' or (byte)'\t':
                piece[0] = (char)b;
                return 1;
            case < 0x20:
                piece[0] = (char)(0x2400 + b); // U+2400 block: NUL -> ␀, BEL -> ␇
                return 1;
            case 0x7F:
                piece[0] = '\u2421';
                return 1;
            case < 0x80:
                piece[0] = (char)b;
                return 1;
        }

        if (Rune.DecodeFromUtf8(s, out Rune rune, out used) != OperationStatus.Done)
        {
            rune = Rune.ReplacementChar; // used covers the maximal invalid subsequence
        }

        return Visible(rune, piece);
    }

    // C1 controls, format characters (bidi overrides and isolates, marks, zero-width characters,
    // tags, BOM) and line/paragraph separators are invisible or reorder text: name them instead.
    private static int Visible(Rune rune, Span<char> piece)
    {
        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        {
            string name = "<U+" + rune.Value.ToString("X4", CultureInfo.InvariantCulture) + ">";
            name.CopyTo(piece);
            return name.Length;
        }

        return rune.EncodeToUtf16(piece);
    }

    // Length of the escape sequence starting at s[0] == ESC, or 0 if it is not a complete one.
    // CSI and other short sequences vanish (colours, cursor moves); string sequences (OSC, DCS,
    // SOS, PM, APC) carry hidden payloads such as titles and hyperlinks, so they leave a marker.
    private static int EscapeLength(ReadOnlySpan<byte> s, out string marker)
    {
        marker = "";
        if (s.Length < 2)
        {
            return 0;
        }

        switch (s[1])
        {
            case (byte)'[':
                for (int k = 2; k < s.Length && k < MaxCsiBytes; k++)
                {
                    byte c = s[k];
                    if (c is >= 0x40 and <= 0x7E)
                    {
                        return k + 1;
                    }

                    if (c is < 0x20 or > 0x3F)
                    {
                        return 0;
                    }
                }

                return 0;
            case (byte)']':
                marker = "<OSC>";
                return StringLength(s);
            case (byte)'P':
                marker = "<DCS>";
                return StringLength(s);
            case (byte)'X':
                marker = "<SOS>";
                return StringLength(s);
            case (byte)'^':
                marker = "<PM>";
                return StringLength(s);
            case (byte)'_':
                marker = "<APC>";
                return StringLength(s);
        }

        int n = 1;
        while (n < s.Length && n < 8 && s[n] is >= 0x20 and <= 0x2F)
        {
            n++;
        }

        return n < s.Length && s[n] is >= 0x30 and <= 0x7E ? n + 1 : 0;
    }

    // A string sequence ends with BEL or ESC \; a line break or the size limit means it is not one.
    private static int StringLength(ReadOnlySpan<byte> s)
    {
        for (int k = 2; k < s.Length && k < MaxStringBytes; k++)
        {
            switch (s[k])
            {
                case 0x07:
                    return k + 1;
                case Esc:
                    return k + 1 < s.Length && s[k + 1] == '\\' ? k + 2 : 0;
                case (byte)'\n' or (byte)'\r':
                    return 0;
            }
        }

        return 0;
    }
}
