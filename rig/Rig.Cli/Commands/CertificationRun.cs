using Rig.Cli.Terminal;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Reporting;
using Rig.Engine.Runs;
using Rig.Engine.Schemes;
using Rig.Reports.Rendering;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary>Certifies slots in parallel, then renders and signs one report per slot. Shared by certify and demo.</summary>
internal static class CertificationRun
{
    public static async Task<int> RunAsync(IReadOnlyList<CertificationRequest> requests, LabKey key, RenderOptions render, CancellationToken ct, ISupervisor? supervisor)
    {
        var results = new SlotResult[requests.Count];
        using (ProgressPrinter progress = ProgressPrinter.ForStderr())
        {
            // Each slot has its own reader, relay and journal; one slot's failure does not stop the others.
            Task[] slots = requests.Select((r, i) => Task.Run(async () => results[i] = await SlotCertification.CertifyAsync(r, progress, ct, supervisor).ConfigureAwait(false), CancellationToken.None)).ToArray();
            try
            {
                await Task.WhenAll(slots).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reports of what was recorded so far still get written: nothing recorded is lost.
                foreach (CertificationRequest r in requests.Where(r => File.Exists(Path.Combine(r.OutDir, SlotCertification.JournalFile))))
                {
                    TryWrite(r, key, render);
                }

                throw;
            }
        }

        int code = ExitCodes.Ok;
        for (int i = 0; i < requests.Count; i++)
        {
            string report = ReportWriter.Write(requests[i].OutDir, key, requests[i].Lab.Signer, render, requests[i].FirmwareImages);
            Verdict overall = Verdicts.Combine(results[i].Outcomes.Select(o => o.Verdict));
            Console.WriteLine($"{Inert.Line(requests[i].Profile.Name)} ({requests[i].Slot.Name}): {overall.Text().ToUpperInvariant()}  {report}");
            foreach (PlanOutcome o in results[i].Outcomes)
            {
                Console.WriteLine($"  {o.Plan.Id,-8} {o.Verdict.Text().ToUpperInvariant(),-14} {Inert.Line(o.Reason)}");
            }

            if (results[i].Scheme is { } result)
            {
                Console.WriteLine($"  {result.Scheme.Title}: {result.Overall.ToUpperInvariant()}");
                foreach (ProvisionResult p in result.Provisions)
                {
                    Console.WriteLine($"    {p.Id,-8} {p.Outcome.ToUpperInvariant(),-15} {p.Title}");
                }
            }

            if (results[i].Ladder is { } ladder)
            {
                LadderLines.Print(ladder, results[i].LadderDecision, requests[i].OutDir);
            }

            code = Math.Max(code, overall switch
            {
                Verdict.Error => ExitCodes.RigError,
                Verdict.Fail or Verdict.Inconclusive => ExitCodes.DeviceFailed,
                _ => ExitCodes.Ok,
            });
        }

        return code;
    }

    private static void TryWrite(CertificationRequest r, LabKey key, RenderOptions render)
    {
        try
        {
            ReportWriter.Write(r.OutDir, key, r.Lab.Signer, render, r.FirmwareImages);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Rig.Reports.ReportException)
        {
            Console.Error.WriteLine(Inert.Line($"rig: {r.OutDir}: no report for the interrupted run: {e.Message}"));
        }
    }
}
