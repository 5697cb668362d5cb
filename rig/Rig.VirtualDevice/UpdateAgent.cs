using System.Globalization;
using Rig.Formats.Firmware;

namespace Rig.VirtualDevice;

/// <summary>
/// <c>fwupdate URL</c> on the camera's shell: download, verify (as the personality's design
/// says), erase, write, switch, reboot, each phase announced on the console and slow enough
/// (about 1.5 s at --boot-scale 1) that a power cut can land inside it.
/// </summary>
internal sealed class UpdateAgent(ITerminal terminal, DeviceContext device)
{
    public const string Command = "fwupdate";

    /// <summary>Phases never get shorter than this, whatever the boot scale: a rig must be able to cut inside each.</summary>
    public static readonly TimeSpan MinPhase = TimeSpan.FromMilliseconds(150);

    private readonly UpdateDesign _design = UpdateDesign.For(device.Personality);

    /// <summary>Runs the command; returns normally when the update was refused, throws <see cref="DeviceRebootException"/> when it reboots.</summary>
    public void Run(IReadOnlyList<string> args)
    {
        var flash = new FlashSlots(device.Options.StateDir, _design, StoredFactoryVersion());
        if (args.Count != 1)
        {
            Say($"usage: {Command} URL");
            Say($"running firmware {device.FirmwareVersion} from slot {device.Slots?.Slot ?? "a"}");
            return;
        }

        Say($"{Command}: Downloading {VdevOptions.Printable(args[0])}");
        byte[] bytes;
        try
        {
            bytes = ImageDownload.Get(args[0], device.Options.Address, FirmwareImageReader.MaxImageLength(FlashSlots.MaxPayload));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Error($"download failed: {e.Message}");
            return;
        }

        Say($"{Command}: received {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes");
        Phase(200);

        Say($"{Command}: Verifying image");
        Phase(250);
        string version = "unknown";
        if (_design.ChecksSignature)
        {
            using var key = ManufacturerKey.Load();
            FirmwareCheck check = FirmwareVerifier.Check(
                bytes, key, _design.ChecksModel ? UpdateDesign.Model : ModelOf(bytes), _design.Rollback ? flash.SecurityVersion : null, FlashSlots.MaxPayload);
            if (!check.Accepted)
            {
                Error(check.Reason);
                return;
            }

            version = check.Image!.Version;
            Say($"{Command}: {check.Reason}");
        }
        else
        {
            version = TryVersion(bytes) ?? version; // this build trusts whatever it is given
            Say($"{Command}: image version {version}");
        }

        string slot = flash.Target;
        string where = _design.ABSlots ? $"slot {slot.ToUpperInvariant()}" : "flash";
        device.Log.Write($"fwupdate: installing {DeviceLog.Safe(version)} into {where}");
        flash.Erase(slot); // the erase has begun by the time the console says so: a cut at the message lands inside it
        Say($"{Command}: Erasing {where}");
        Phase(250);

        terminal.Write($"{Command}: Writing {where}:");
        using (FileStream f = flash.OpenSlot(slot))
        {
            for (int quarter = 1; quarter <= 4; quarter++)
            {
                int from = bytes.Length * (quarter - 1) / 4;
                int to = bytes.Length * quarter / 4;
                f.Write(bytes, from, to - from);
                f.Flush(flushToDisk: true);
                Phase(150);
                terminal.Write($" {(quarter * 25).ToString(CultureInfo.InvariantCulture)}%");
            }
        }

        terminal.Write("\r\n");
        Say(_design.ABSlots ? $"{Command}: Switching to {where}" : $"{Command}: Switching boot image");
        Phase(200);
        flash.Switch(slot);
        Phase(150);
        Say("Rebooting...");
        Phase(100);
        throw new DeviceRebootException($"firmware {version} installed into {where}");
    }

    private string StoredFactoryVersion() => new StateStore(device.Options.StateDir).FirmwareVersion();

    /// <summary>Without a model check, any model is "ours": the verifier is told the image's own model.</summary>
    private static string ModelOf(byte[] bytes)
    {
        try
        {
            return FirmwareImageReader.Read(bytes, FlashSlots.MaxPayload).Model;
        }
        catch (FirmwareFormatException)
        {
            return UpdateDesign.Model;
        }
    }

    private static string? TryVersion(byte[] bytes)
    {
        try
        {
            return FirmwareImageReader.Read(bytes, FlashSlots.MaxPayload).Version;
        }
        catch (FirmwareFormatException)
        {
            return null;
        }
    }

    private void Phase(int milliseconds)
    {
        TimeSpan t = device.Boot(milliseconds);
        Thread.Sleep(t < MinPhase ? MinPhase : t);
    }

    private void Say(string line) => terminal.Write(line + "\r\n");

    private void Error(string reason)
    {
        device.Log.Write($"fwupdate: refused: {DeviceLog.Safe(reason)}");
        Say($"{Command}: error: {reason}");
        Say($"{Command}: update aborted, firmware {device.FirmwareVersion} unchanged");
    }
}
