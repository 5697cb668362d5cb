using System.Collections;
using System.Text;
using QRCoder;
using Rig.Reports.Rendering;

namespace Rig.Reports.Certificates;

/// <summary>
/// The certificate's label: a small self-contained SVG with the device, the level, the validity,
/// the warning light and a QR code (drawn from QRCoder's module matrix) to the registry entry.
/// No script, no external reference, no font file: every text is escaped here.
/// </summary>
public static class LabelSvg
{
    public const string FileName = "label.svg";

    /// <summary>Width and height of the label in SVG units (also its size in CSS pixels).</summary>
    public const int Width = 400;
    public const int Height = 200;

    private const int QrSize = 164;
    private const int QrLeft = Width - QrSize - 14;
    private const int QrTop = 22;

    /// <summary>The light's fill per status: green when valid, amber when a known vulnerability is reported, grey when expired, red when revoked.</summary>
    public static string LightColour(CertificateStatus status) => status.State switch
    {
        CertificateStatus.WarningState => "#e0a100",
        CertificateStatus.ExpiredState => "#6b7280",
        CertificateStatus.RevokedState => "#c62828",
        _ => "#1e8e3e",
    };

    /// <summary>The words beside the light (escaped).</summary>
    private static string LightText(CertificateModel m) => m.Status.State switch
    {
        CertificateStatus.WarningState => "Warning: " + SvgText.Label(string.Join(", ", m.Status.Ids), 22),
        CertificateStatus.ExpiredState => "Expired after " + SvgText.Label(m.ValidUntil, 10),
        CertificateStatus.RevokedState => "Revoked by the lab",
        _ => "Valid: no warning",
    };

    /// <summary>The QR code's modules for <paramref name="url"/>, quiet zone included: row by row, true for dark.</summary>
    public static IReadOnlyList<BitArray> QrModules(string url)
    {
        using QRCodeData data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => new BitArray(row))];
    }

    public static byte[] Render(CertificateModel m) => new UTF8Encoding(false).GetBytes(RenderText(m));

    public static string RenderText(CertificateModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var s = new StringBuilder();
        s.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
         .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" role=\"img\" aria-labelledby=\"t\">\n");
        s.Append("<title id=\"t\">Certificate ").Append(SvgText.Label(m.CertificateId, 64)).Append(": ")
         .Append(SvgText.Label(m.Manufacturer, 60)).Append(' ').Append(SvgText.Label(m.Model, 60))
         .Append(", level ").Append(SvgText.Label(m.Level.Id, 40)).Append(", valid until ").Append(SvgText.Label(m.ValidUntil, 10)).Append("</title>\n");
        s.Append("<rect x=\"0.5\" y=\"0.5\" width=\"").Append(Width - 1).Append("\" height=\"").Append(Height - 1).Append("\" rx=\"10\" fill=\"#ffffff\" stroke=\"#1f2937\"/>\n");
        s.Append("<g font-family=\"sans-serif\" fill=\"#111827\">\n");
        Line(s, 14, 26, 15, "bold", "Security certificate");
        Line(s, 14, 50, 11, null, SvgText.Label(m.Manufacturer, 34));
        Line(s, 14, 66, 11, "bold", SvgText.Label(m.Model, 34));
        Line(s, 14, 82, 11, null, "Firmware " + SvgText.Label(m.FirmwareVersion ?? "not declared", 25));
        Line(s, 14, 106, 13, "bold", "Level " + SvgText.Label(m.Level.Id, 26));
        Line(s, 14, 122, 9, null, SvgText.Label(m.Level.Standard, 44));
        Line(s, 14, 144, 11, null, "Valid until " + SvgText.Label(m.ValidUntil, 10));
        string light = LightText(m);
        s.Append("<circle cx=\"22\" cy=\"170\" r=\"8\" fill=\"").Append(LightColour(m.Status)).Append("\" stroke=\"#1f2937\"/>\n");
        Line(s, 36, 174, 11, "bold", light);
        Line(s, 14, 192, 8, null, "Cert " + SvgText.Label(m.CertificateId, 40));
        s.Append("</g>\n");
        Qr(s, m.RegistryUrl);
        Line(s, QrLeft + 8, QrTop + QrSize + 10, 8, null, "Registry entry: scan to check status");
        s.Append("</svg>\n");
        return s.ToString();
    }

    private static void Line(StringBuilder s, int x, int y, int size, string? weight, string escapedText)
    {
        s.Append("<text x=\"").Append(x).Append("\" y=\"").Append(y).Append("\" font-size=\"").Append(size).Append('"');
        if (weight is not null)
        {
            s.Append(" font-weight=\"").Append(weight).Append('"');
        }

        s.Append('>').Append(escapedText).Append("</text>\n");
    }

    // One path of horizontal runs of dark modules, one unit per module, scaled to QrSize.
    private static void Qr(StringBuilder s, string url)
    {
        IReadOnlyList<BitArray> rows = QrModules(url);
        int n = rows.Count;
        s.Append("<g transform=\"translate(").Append(QrLeft).Append(' ').Append(QrTop).Append(") scale(").Append(SvgText.N(QrSize / (double)n)).Append(")\">\n");
        s.Append("<rect width=\"").Append(n).Append("\" height=\"").Append(n).Append("\" fill=\"#ffffff\"/>\n");
        s.Append("<path fill=\"#000000\" shape-rendering=\"crispEdges\" d=\"");
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < rows[y].Length;)
            {
                if (!rows[y][x])
                {
                    x++;
                    continue;
                }

                int run = 0;
                while (x + run < rows[y].Length && rows[y][x + run])
                {
                    run++;
                }

                s.Append('M').Append(x).Append(' ').Append(y).Append('h').Append(run).Append("v1h-").Append(run).Append('z');
                x += run;
            }
        }

        s.Append("\"/>\n</g>\n");
    }
}
