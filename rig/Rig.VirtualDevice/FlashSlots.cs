using System.Globalization;
using System.Text;
using Rig.Formats.Firmware;

namespace Rig.VirtualDevice;

/// <summary>
/// The firmware part of the flash folder. A/B designs keep two slots and a boot record
/// (active, pending trial slot, attempts) that is only ever replaced atomically; the single-slot
/// design overwrites its one image in place, with a state word that says whether it is complete.
/// A slot without an image file and not erased holds the factory firmware.
/// </summary>
internal sealed class FlashSlots(string dir, UpdateDesign design, string factoryVersion)
{
    public const string BootRecordFile = "fw-boot";
    public const string SecurityVersionFile = "fw-security-version";
    public const string SingleStateFile = "fw-image.state";

    /// <summary>Largest payload the camera's flash partition can take.</summary>
    public const int MaxPayload = 4 * 1024 * 1024;

    public static string ImageFile(string slot) => $"fw-{slot}.img";

    /// <summary>The slot an update writes: the inactive one, or the only one.</summary>
    public string Target => design.ABSlots ? (ReadRecord().Active == "a" ? "b" : "a") : "image";

    /// <summary>The rollback counter: the lowest version number an update may carry.</summary>
    /// <remarks>Until an update raises it, the counter is the factory firmware's own version.</remarks>
    public uint SecurityVersion =>
        uint.TryParse(ReadSmall(SecurityVersionFile), NumberStyles.None, CultureInfo.InvariantCulture, out uint v) ? v : FactoryNumber();

    private uint FactoryNumber()
    {
        try
        {
            return FirmwareImage.NumberOf(factoryVersion);
        }
        catch (FormatException)
        {
            return 0; // a factory version that is not MAJOR.MINOR.PATCH cannot anchor a counter
        }
    }

    /// <summary>The bootloader's decision at power-on; updates the attempt counter first, as U-Boot's bootcount does.</summary>
    public SlotBoot PowerOn() => design.ABSlots ? PowerOnAB() : PowerOnSingle();

    /// <summary>Erases a slot: from here on it cannot boot until written and switched to.</summary>
    public void Erase(string slot)
    {
        if (design.ABSlots)
        {
            BootRecord r = ReadRecord();
            WriteAtomic(BootRecordFile, (r with { Empty = r.Empty.Append(slot).Distinct().ToArray() }).Format());
        }
        else
        {
            WriteAtomic(SingleStateFile, "erased\n");
        }

        File.Delete(Path.Combine(dir, ImageFile(slot)));
    }

    /// <summary>The slot's image file, for writing in place (a cut leaves it torn, as on flash).</summary>
    public FileStream OpenSlot(string slot) =>
        new(Path.Combine(dir, ImageFile(slot)), FileMode.Create, FileAccess.Write, FileShare.None);

    /// <summary>Makes the written slot the next boot: a trial for A/B, the committed image for one slot.</summary>
    public void Switch(string slot)
    {
        if (design.ABSlots)
        {
            BootRecord r = ReadRecord();
            WriteAtomic(BootRecordFile, (r with { Pending = slot, Tries = 0, Empty = r.Empty.Where(s => s != slot).ToArray() }).Format());
        }
        else
        {
            WriteAtomic(SingleStateFile, "complete\n");
        }
    }

    private SlotBoot PowerOnSingle()
    {
        string? state = ReadSmall(SingleStateFile);
        if (state is null)
        {
            return Boot(factoryVersion, "image", ["Boot image: factory firmware " + factoryVersion]);
        }

        FirmwareImage? image = state == "complete" ? ReadImage("image") : null;
        return image is null
            ? new SlotBoot("none", "image", ["## Booting kernel from Legacy Image at 80600000 ...", "   Verifying Checksum ... Bad Data CRC", "ERROR: can't get kernel image!"], Bricked: true, () => { })
            : Boot(image.Version, "image", ["Boot image: firmware " + image.Version]);
    }

    private SlotBoot PowerOnAB()
    {
        BootRecord r = ReadRecord();
        var lines = new List<string>();
        if (r.Pending is { } pending)
        {
            int tries = r.Tries + 1;
            string? version = SlotVersion(r, pending);
            if (version is not null && tries <= UpdateDesign.BootLimit)
            {
                WriteAtomic(BootRecordFile, (r with { Tries = tries }).Format());
                lines.Add($"Boot slot: {Upper(pending)} (trial boot, attempt {tries} of {UpdateDesign.BootLimit}), firmware {version}");
                return Boot(version, pending, lines, () => MarkGood(pending, version));
            }

            lines.Add(version is null
                ? $"## Slot {Upper(pending)}: Verifying Checksum ... Bad Data CRC"
                : $"## Slot {Upper(pending)}: boot limit {UpdateDesign.BootLimit} reached");
            lines.Add($"Falling back to slot {Upper(r.Active)}");
            r = r with { Pending = null, Tries = 0 };
            WriteAtomic(BootRecordFile, r.Format());
        }

        foreach (string slot in new[] { r.Active, r.Active == "a" ? "b" : "a" })
        {
            if (SlotVersion(r, slot) is { } version)
            {
                lines.Add($"Boot slot: {Upper(slot)}, firmware {version}");
                return Boot(version, slot, lines);
            }

            lines.Add($"## Slot {Upper(slot)}: Verifying Checksum ... Bad Data CRC");
        }

        lines.Add("ERROR: can't get kernel image!");
        return new SlotBoot("none", r.Active, lines, Bricked: true, () => { });
    }

    private static SlotBoot Boot(string version, string slot, List<string> lines, Action? confirm = null) =>
        new(version, slot, lines, Bricked: false, confirm ?? (() => { }));

    private void MarkGood(string slot, string version)
    {
        WriteAtomic(BootRecordFile, (ReadRecord() with { Active = slot, Pending = null, Tries = 0 }).Format());
        if (design.Rollback && FirmwareImage.NumberOf(version) is uint n && n > SecurityVersion)
        {
            WriteAtomic(SecurityVersionFile, n.ToString(CultureInfo.InvariantCulture) + "\n");
        }
    }

    /// <summary>The version a slot would boot, or null when it holds no intact image (U-Boot's CRC check).</summary>
    private string? SlotVersion(BootRecord r, string slot)
    {
        if (r.Empty.Contains(slot))
        {
            return null;
        }

        if (!File.Exists(Path.Combine(dir, ImageFile(slot))))
        {
            return slot == "a" ? factoryVersion : null; // slot A holds the factory firmware until overwritten
        }

        return ReadImage(slot)?.Version;
    }

    private FirmwareImage? ReadImage(string slot)
    {
        try
        {
            return FirmwareImageReader.ReadFile(Path.Combine(dir, ImageFile(slot)), MaxPayload);
        }
        catch (Exception e) when (e is FirmwareFormatException or IOException)
        {
            return null;
        }
    }

    private BootRecord ReadRecord() => BootRecord.Parse(ReadSmall(BootRecordFile, wholeFile: true));

    private string? ReadSmall(string name, bool wholeFile = false)
    {
        try
        {
            using var f = new FileStream(Path.Combine(dir, name), FileMode.Open, FileAccess.Read);
            byte[] buf = new byte[256]; // a few words; never read more whatever is there
            string text = Encoding.ASCII.GetString(buf, 0, f.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false));
            return wholeFile ? text : text.Split('\n')[0].Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private void WriteAtomic(string name, string content)
    {
        string path = Path.Combine(dir, name);
        string tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        {
            f.Write(Encoding.ASCII.GetBytes(content));
            f.Flush(flushToDisk: true);
        }

        VdevNative.Rename(tmp, path);
    }

    private static string Upper(string slot) => slot.ToUpperInvariant();

    /// <summary>The A/B boot record: "active=a pending=b tries=1 empty=b", one key per line.</summary>
    private sealed record BootRecord(string Active, string? Pending, int Tries, string[] Empty)
    {
        public static BootRecord Parse(string? text)
        {
            var r = new BootRecord("a", null, 0, []);
            foreach (string line in (text ?? "").Split('\n'))
            {
                string[] kv = line.Trim().Split('=', 2);
                if (kv.Length != 2)
                {
                    continue;
                }

                r = kv[0] switch
                {
                    "active" when kv[1] is "a" or "b" => r with { Active = kv[1] },
                    "pending" when kv[1] is "a" or "b" => r with { Pending = kv[1] },
                    "tries" when int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t < 100 => r with { Tries = t },
                    "empty" => r with { Empty = kv[1].Split(',').Where(s => s is "a" or "b").ToArray() },
                    _ => r,
                };
            }

            return r;
        }

        public string Format() =>
            $"active={Active}\npending={Pending}\ntries={Tries.ToString(CultureInfo.InvariantCulture)}\nempty={string.Join(',', Empty)}\n";
    }
}
