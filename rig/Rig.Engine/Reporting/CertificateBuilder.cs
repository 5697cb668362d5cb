using Rig.Engine.Journal;
using Rig.Reports.Certificates;
using Rig.Reports.Model;

namespace Rig.Engine.Reporting;

/// <summary>
/// The certificate a run earned, from the journal's ladder decision and the report it rests on;
/// null when no level was met or no certificate may be issued. The status (warning light) is an
/// input: whoever matched the device's inventory against known vulnerabilities decides it.
/// </summary>
public static class CertificateBuilder
{
    /// <summary>Where a certificate's entry lives under the lab's registry: the folder <c>rig registry build</c> writes it to (certificates/ID/index.html).</summary>
    public static string RegistryEntry(string registry, string certificateId) =>
        registry.TrimEnd('/') + "/certificates/" + Uri.EscapeDataString(certificateId) + "/";

    public static CertificateModel? Build(RunJournal journal, ReportModel report, string reportSha256, CertificateStatus status)
    {
        if (journal.LadderResult is not { Level: { } levelId, Certificate: { } terms } ladder)
        {
            return null;
        }

        int reached = ladder.Levels.ToList().FindIndex(l => l.Id == levelId);
        if (reached < 0)
        {
            return null; // a journal whose level is not among its levels certifies nothing
        }

        LevelRecord level = ladder.Levels[reached];
        return new CertificateModel(
            report.ReportId,
            report.ReportId,
            reportSha256,
            terms.Issued,
            terms.ValidUntil,
            terms.Why,
            terms.SupportUntil,
            terms.UpdatesWork,
            report.Lab,
            report.Device.Manufacturer,
            report.Device.Model,
            report.Device.FirmwareVersion,
            report.Device.HardwareRevision,
            report.Device.Serial,
            new CertifiedLevel(level.Id, level.Title, level.Standard, ladder.Scheme.Title, ladder.Scheme.Version, ladder.Scheme.Sha256),
            [.. ladder.Levels.Take(reached + 1).SelectMany(l => l.DeskReview.Select(d => $"{l.Id} {d}"))],
            status,
            RegistryEntry(terms.Registry ?? Runs.LabIdentity.PlaceholderRegistry, report.ReportId),
            report.Signer);
    }
}
