using System.Globalization;
using Rig.Reports.Model;
using Rig.Reports.Text;

namespace Rig.Reports.Rendering;

/// <summary>Lays out an evidence block as time-stamped rows, bounded in size whatever the device sent.</summary>
internal static class EvidenceFormatter
{
    /// <summary>Most characters one block may render, columns and line breaks included.</summary>
    public const int MaxBlockChars = 64 * 1024;

    private const int TimeWidth = 12; // "+99999.999 s": a day of capture keeps the column straight
    private static readonly string BlankTime = new(' ', TimeWidth);

    public static EvidenceView Format(Evidence evidence)
    {
        var rows = new List<EvidenceRow>();
        int budget = MaxBlockChars;
        long cut = 0;
        bool full = false;
        foreach (EvidenceLine line in evidence.Lines ?? [])
        {
            byte[] data = line.Data ?? [];
            if (full)
            {
                cut += data.Length;
                continue;
            }

            string time = Time(line.OffsetNs);
            string direction = Direction(line.Direction);
            int position = 0;
            do
            {
                // Each row costs its columns, the separating spaces and its line break.
                int overhead = TimeWidth + 1 + direction.Length + 1 + 1;
                string text = DeviceText.ShowLine(data.AsSpan(position), Math.Max(0, budget - overhead), out int consumed);
                if (budget < overhead || (consumed == 0 && position < data.Length))
                {
                    cut += data.Length - position;
                    full = true;
                    break;
                }

                rows.Add(new EvidenceRow(time, direction, text));
                budget -= overhead + text.Length;
                position += consumed;
                time = BlankTime;
                direction = new string(' ', direction.Length);
            }
            while (position < data.Length);
        }

        string? marker = full
            ? DeviceText.CutMarker(cut) + " (an evidence block shows at most " +
              (MaxBlockChars / 1024).ToString(CultureInfo.InvariantCulture) + " KiB of text)"
            : null;
        return new EvidenceView(
            DeviceText.Show(evidence.Title, 1024) ?? "",
            DeviceText.Show(evidence.Kind, 64) ?? "",
            rows,
            marker);
    }

    /// <summary>"+12.345 s", right-aligned; truncated to the millisecond, invariant culture.</summary>
    internal static string Time(long offsetNs)
    {
        ulong magnitude = offsetNs < 0 ? (ulong)(-(offsetNs + 1)) + 1 : (ulong)offsetNs;
        ulong ms = magnitude / 1_000_000;
        string text = (offsetNs < 0 ? "-" : "+") +
                      (ms / 1000).ToString(CultureInfo.InvariantCulture) + "." +
                      (ms % 1000).ToString("D3", CultureInfo.InvariantCulture) + " s";
        return text.PadLeft(TimeWidth);
    }

    private static string Direction(string? direction) => direction switch
    {
        "rx" => "rx",
        "tx" => "tx",
        null => "  ",
        _ => "??", // the rig only writes rx and tx; anything else is shown, not trusted
    };
}
