using Rig.Engine.Journal;
using Rig.Engine.Runs;
using Rig.Reports;
using Rig.Reports.Certificates;
using Rig.Reports.Attestation;
using Rig.Reports.Model;
using Rig.Reports.Rendering;
using Rig.Reports.Signing;

namespace Rig.Engine.Reporting;

/// <summary>
/// Renders a run folder's report and signs it with one key: report.html and report.html.sig,
/// junit.xml, and report.html.intoto.jsonl, whose subjects are report.html, console.raw,
/// journal.jsonl, junit.xml, FW-02's sbom.cdx.json and vulnerabilities.json when written, and any
/// extra evidence (e.g. the firmware images a plan pushed); and, when the run met a level of a
/// ladder scheme, the certificate beside it.
/// </summary>
public static class ReportWriter
{
    /// <summary>Where extra evidence files from outside the run folder are copied, so the folder verifies on its own.</summary>
    public const string EvidenceFolder = "evidence";

    /// <summary>Writes the report files into <paramref name="runDir"/> and returns the path of report.html.</summary>
    /// <param name="options">The template (a lab's own folder, or null for the built-in one).</param>
    /// <param name="extraSubjects">
    /// More files to attest. A file inside the run folder is attested where it is; one outside is
    /// first copied to evidence/ under its file name (two with the same name are refused).
    /// </param>
    /// <param name="status">The certificate's warning light, when the run earned one; by default what FW-02's vulnerabilities.json says, else valid without a check.</param>
    public static string Write(string runDir, LabKey key, string signerName, RenderOptions? options = null, IReadOnlyList<string>? extraSubjects = null, CertificateStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var renderer = new ReportRenderer(options ?? new RenderOptions()); // a bad template fails before anything is written
        // Shipped plans are named testplans/... in the journal: look for them beside the rig too, to draw them.
        RunJournal journal = JournalReader.Read(Path.Combine(runDir, SlotCertification.JournalFile)); // parsed once, for the report and its certificate
        ReportModel model = ReportBuilder.Build(journal, runDir, new SignerIdentity(signerName, key.Fingerprint), DateTimeOffset.UtcNow, [AppContext.BaseDirectory]);
        byte[] html = renderer.Render(model);
        var evidence = new List<string> { SlotCertification.JournalFile };
        if (File.Exists(Path.Combine(runDir, SlotCertification.ConsoleLogFile)))
        {
            evidence.Insert(0, SlotCertification.ConsoleLogFile); // absent only when the console never opened
        }

        foreach (string written in (string[])[Vulnerabilities.CycloneDxWriter.FileName, Vulnerabilities.VulnerabilityList.FileName])
        {
            if (File.Exists(Path.Combine(runDir, written)))
            {
                evidence.Add(written); // FW-02's inventory and findings: what a certificate's warning light reads
            }
        }

        foreach (string file in extraSubjects ?? [])
        {
            evidence.Add(EvidenceName(runDir, file));
        }

        string report = AttestedReport.Write(runDir, html, model, key, evidence);
        if (CertificateBuilder.Build(journal, model, FileDigest.Sha256(html), status ?? Vulnerabilities.VulnerabilityList.ReadStatus(runDir) ?? CertificateStatus.Valid) is { } certificate)
        {
            AttestedCertificate.Write(runDir, certificate, key); // beside the report it rests on, signed with the same key
        }

        return report;
    }

    private static string EvidenceName(string runDir, string file)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir)) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(file);
        if (full.StartsWith(root, StringComparison.Ordinal))
        {
            return Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
        }

        string name = EvidenceFolder + "/" + Path.GetFileName(full);
        string copy = Path.Combine(runDir, EvidenceFolder, Path.GetFileName(full));
        if (File.Exists(copy))
        {
            throw new ReportException($"{file}: {copy} already exists; evidence files need distinct names");
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(runDir, EvidenceFolder));
            File.Copy(full, copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{file}: cannot copy it into {copy} ({e.Message})", e);
        }

        return name;
    }
}
