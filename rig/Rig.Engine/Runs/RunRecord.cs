using System.Globalization;
using Rig.Engine.Journal;
using Rig.Engine.Plans;

namespace Rig.Engine.Runs;

/// <summary>The run's opening journal event: enough identity to render the report from the journal alone.</summary>
internal static class RunRecord
{
    public static void WriteStart(JournalWriter journal, CertificationRequest r)
    {
        journal.Write("run-start", w =>
        {
            w.WriteString("utc", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("rig_version", RigInfo.Version);
            w.WriteStartObject("lab");
            w.WriteString("name", r.Lab.Name);
            w.WriteString("address", r.Lab.Address);
            w.WriteString("accreditation", r.Lab.AccreditationId);
            w.WriteString("signer", r.Lab.Signer);
            w.WriteString("customer", r.Lab.Customer);
            w.WriteString("received", r.Lab.Received);
            w.WriteEndObject();
            w.WriteStartObject("bench");
            w.WriteString("name", r.Bench.Name);
            w.WriteString("file", r.Bench.File);
            w.WriteString("sha256", r.Bench.Sha256);
            w.WriteString("slot", r.Slot.Name);
            w.WriteString("power", Describe(r.Slot.Power));
            w.WriteString("console", r.Slot.Console.Path);
            w.WriteString("console_settings", $"{r.Slot.Console.Baud} 8N1");
            w.WriteString("safe_state", r.Slot.SafeState.ToString().ToLowerInvariant());
            w.WriteEndObject();
            w.WriteStartObject("profile");
            w.WriteString("name", r.Profile.Name);
            w.WriteString("file", r.Profile.File);
            w.WriteString("sha256", r.Profile.Sha256);
            w.WriteString("manufacturer", r.Profile.Manufacturer);
            w.WriteString("model", r.Profile.Model);
            w.WriteString("hardware_revision", r.Profile.HardwareRevision);
            w.WriteString("firmware_version", r.Profile.FirmwareVersion);
            w.WriteString("serial", r.Unit?.Serial);
            w.WriteString("mac", r.Unit?.Mac);
            if (r.Profile.Update?.Images.GetValueOrDefault("current") is { } image && r.FirmwareImages.Contains(image))
            {
                // The image the device is declared to run: named and hashed so the report identifies the firmware.
                w.WriteString("firmware_image", Path.GetFileName(image));
                w.WriteString("firmware_sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(image))));
            }
            w.WriteString("address", r.Profile.Address.ToString());
            w.WriteEndObject();
            if (r.Scheme is { } scheme)
            {
                SchemeRecord.WriteScheme(w, scheme);
            }

            w.WriteStartArray("plans");
            foreach (Plan p in r.Plans)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("title", p.Title);
                w.WriteString("version", p.Version);
                w.WriteString("file", p.File);
                w.WriteString("sha256", p.Sha256);
                w.WriteStrings("provisions", p.Provisions);
                w.WriteStartArray("inputs");
                foreach (PlanInput i in p.Inputs)
                {
                    w.WriteStartObject();
                    w.WriteString("name", i.Name);
                    w.WriteString("sha256", i.Sha256);
                    w.WriteString("source", i.Source);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, durable: true);
    }

    private static string Describe(object power) => power switch
    {
        Drivers.Gpio.GpioPowerOptions g => $"gpio {g.Chip} line {g.Line}{(g.ActiveLow ? " (active-low)" : string.Empty)}",
        Drivers.Power.CommandPowerOptions c => $"command (on: {c.On}; off: {c.Off})",
        Drivers.Power.SimPowerOptions { Transcript: { } t } => $"sim replay of {Path.GetFileName(t)}",
        Drivers.Power.SimPowerOptions s => $"sim {s.Personality} at {s.Address}",
        _ => power.GetType().Name,
    };
}
