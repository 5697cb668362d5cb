using Rig.Reports.Model;
using Rig.Reports.Rendering;
using Rig.Reports.Signing;

namespace Rig.Engine.Reporting;

/// <summary>Renders a run folder's report and signs it: report.html and report.html.sig beside the journal.</summary>
public static class ReportWriter
{
    public static string Write(string runDir, LabKey key, string signerName, RenderOptions? options = null)
    {
        ReportModel model = ReportBuilder.Build(runDir, new SignerIdentity(signerName, key.Fingerprint), DateTimeOffset.UtcNow);
        byte[] html = new ReportRenderer(options ?? new RenderOptions()).Render(model);
        return ReportSigner.WriteSigned(runDir, html, key);
    }
}
