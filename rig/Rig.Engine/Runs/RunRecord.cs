using Rig.Engine.Config;
using System.Globalization;
using Rig.Engine.Journal;

namespace Rig.Engine.Runs;

/// <summary>The run's opening journal event: enough identity to render the report from the journal alone.</summary>
internal static class RunRecord
{
    public static RunStartEvent Start(CertificationRequest r) => new(
        DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        RigInfo.Version,
        new LabRecord(r.Lab.Name, r.Lab.Address, r.Lab.AccreditationId, r.Lab.Signer, r.Lab.Customer, r.Lab.Received),
        new BenchRecord(
            r.Bench.Name,
            r.Bench.File,
            r.Bench.Sha256,
            r.Slot.Name,
            r.Slot.PowerBackend.Describe(r.Slot.Power),
            r.Slot.Console.Path,
            $"{r.Slot.Console.Baud} 8N1",
            r.Slot.SafeState.ToString().ToLowerInvariant(),
            r.Slot.Meter is { } m ? $"{m.Describe}, {m.Rate.ToString("0.##", CultureInfo.InvariantCulture)} readings/s" : null),
        Profile(r),
        r.Scheme is { } scheme ? SchemeRecord.Identity(scheme) : null,
        [.. r.Plans.Select(p => new RunPlan(
            p.Id, p.Title, p.Version, p.File, p.Sha256, p.Provisions, [.. p.Inputs.Select(i => new PlanInputRecord(i.Name, i.Sha256, i.Source))]))]);

    private static ProfileRecord Profile(CertificationRequest r)
    {
        // The image the device is declared to run: named and hashed so the report identifies the firmware.
        string? image = r.Profile.Update?.Images.GetValueOrDefault("current") is { } i && r.FirmwareImages.Contains(i) ? i : null;
        return new ProfileRecord(
            r.Profile.Name,
            r.Profile.File,
            r.Profile.Sha256,
            r.Profile.Manufacturer,
            r.Profile.Model,
            r.Profile.HardwareRevision,
            r.Profile.FirmwareVersion,
            r.Unit?.Serial,
            r.Unit?.Mac,
            image is null ? null : Path.GetFileName(image),
            image is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(image))),
            r.Profile.Address.ToString());
    }
}
