using System.Text;
using Rig.Reports.Text;

namespace Rig.Reports.Signing;

/// <summary>
/// Finds the signer key fingerprint a report prints: the text of the element with
/// id="signer-key-fingerprint" (a template that wants to be verifiable must have exactly one).
/// Device text cannot forge it: the renderer escapes every '&lt;' and '"' that a device sends.
/// </summary>
internal static class PrintedFingerprint
{
    public const string ElementId = "signer-key-fingerprint";
    private const string Marker = "id=\"" + ElementId + "\">";

    /// <summary>Every printed fingerprint, normalised to lowercase hex and made safe to show.</summary>
    public static IReadOnlyList<string> Find(ReadOnlySpan<byte> html)
    {
        string text = Encoding.UTF8.GetString(html);
        var found = new List<string>();
        int at = 0;
        while ((at = text.IndexOf(Marker, at, StringComparison.Ordinal)) >= 0)
        {
            at += Marker.Length;
            int end = text.IndexOf('<', at);
            string value = end < 0 ? text[at..] : text[at..end];
            found.Add(Normalise(value));
        }

        return found;
    }

    private static string Normalise(string value)
    {
        string v = value.Trim().ToLowerInvariant();
        if (v.StartsWith("sha256:", StringComparison.Ordinal))
        {
            v = v["sha256:".Length..];
        }

        // Grouped forms ("ab12 cd34" or "ab:12:...") count as the same fingerprint.
        v = string.Concat(v.Where(c => !char.IsWhiteSpace(c) && c != ':'));
        return DeviceText.Show(v, 200) ?? "";
    }
}
