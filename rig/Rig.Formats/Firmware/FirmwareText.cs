using System.Text;

namespace Rig.Formats.Firmware;

/// <summary>The header's text fields: short printable ASCII, NUL-padded.</summary>
internal static class FirmwareText
{
    public static bool IsValid(string s) =>
        s.Length is > 0 and <= FirmwareImage.MaxTextLength && s.All(c => c is > ' ' and <= '~');

    public static void Write(Span<byte> field, string s) => Encoding.ASCII.GetBytes(s, field);

    /// <summary>The text before the first NUL; null when it is empty or not printable ASCII.</summary>
    public static string? Read(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        ReadOnlySpan<byte> text = end >= 0 ? field[..end] : field;
        if (text.IsEmpty || field[(end >= 0 ? end : field.Length)..].ContainsAnyExcept((byte)0))
        {
            return null;
        }

        foreach (byte b in text)
        {
            if (b is <= (byte)' ' or > (byte)'~')
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(text);
    }

    /// <summary>Text from outside shown in a message: control characters escaped, length capped.</summary>
    public static string Shown(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 64 ? s[..64] : s)
        {
            sb.Append(c is < ' ' or > '~' ? $"\\x{(int)c & 0xff:x2}" : c.ToString());
        }

        return sb.ToString();
    }
}
