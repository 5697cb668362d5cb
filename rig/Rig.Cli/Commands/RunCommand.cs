using System.CommandLine;
using System.Globalization;
using Rig.Cli.Supervision;
using Rig.Cli.Terminal;
using Rig.Engine.Bench;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;
using Rig.Engine.Reporting;
using Rig.Engine.Runs;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig run PLAN --slot SLOT --profile P</c>: one plan on one slot, for writing and debugging
/// plans. The journal and console log are kept; a signed report only when --key is given.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run a single plan on a slot (journal and console log kept; a signed report with --key).");
        var template = new TemplateOption();
        var plan = new Argument<string>("plan") { Description = "Plan id (e.g. UART-01) or plan file" };
        var bench = new BenchOptions();
        var slot = new Option<string>("--slot") { Description = "The slot the device sits in", Required = true };
        var profile = new Option<string>("--profile") { Description = "The device profile file, or a shipped profile's name", Required = true };
        var outDir = new Option<string?>("--out") { Description = "Folder for the run (default: runs/DATE-PLAN-SLOT)" };
        var signing = new SigningOptions(required: false);
        var lab = new Option<string?>("--lab") { Description = "Lab file (YAML)" };
        var unit = new Option<string?>("--unit") { Description = "The lab's record of the tested unit (YAML): serial, mac, console_password, canaries" };
        command.Arguments.Add(plan);
        bench.AddTo(command);
        command.Options.Add(slot);
        command.Options.Add(profile);
        command.Options.Add(outDir);
        signing.AddTo(command);
        command.Options.Add(lab);
        command.Options.Add(unit);
        template.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            Rig.Reports.Rendering.RenderOptions render = template.Get(parsed); // a bad template fails before any device is powered
            BenchConfig benchConfig = bench.Load(parsed);
            SlotConfig slotConfig = BenchOptions.Slot(benchConfig, parsed.GetValue(slot)!);
            DeviceProfile deviceProfile = CertifyCommand.LoadProfile(parsed.GetValue(profile)!);
            Plan thePlan = CertifyCommand.LoadPlans([parsed.GetValue(plan)!])[0];
            LabIdentity identity = parsed.GetValue(lab) is { } labFile ? LabIdentity.Load(labFile) : LabIdentity.Unnamed;
            UnitRecord record = parsed.GetValue(unit) is { } unitFile ? UnitRecord.Load(unitFile) : UnitRecord.None;
            using LabKey? labKey = signing.Load(parsed);
            string outPath = parsed.GetValue(outDir)
                ?? Path.Combine("runs", $"{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{thePlan.Id}-{slotConfig.Name}");
            Preflight.NotAFile("--out", outPath);
            using SlotClaim claim = await bench.ClaimAsync(parsed, benchConfig, slotConfig, powers: true, ct).ConfigureAwait(false); // a busy slot is refused before anything is made or powered
            string dir = Preflight.OutFolder("--out", outPath);

            var request = new CertificationRequest(benchConfig, slotConfig, deviceProfile, [thePlan], dir, identity, Unit: new UnitIdentity(record.Serial, record.Mac), Record: record);
            Preflight.ProfileFiles([request], labKey?.Path);
            IReadOnlyList<PlanOutcome> outcomes;
            using (ProgressPrinter progress = ProgressPrinter.ForStderr())
            {
                outcomes = await SlotCertification.RunAsync(request, progress, ct, claim.Supervisor).ConfigureAwait(false);
            }

            PlanOutcome outcome = outcomes[0];
            Console.WriteLine($"{thePlan.Id} {outcome.Verdict.Text().ToUpperInvariant()}: {Inert.Line(outcome.Reason)}");
            Console.WriteLine($"path: {string.Join(" -> ", outcome.Path)}");
            Console.WriteLine($"run:  {dir}");
            if (labKey is not null)
            {
                Console.WriteLine($"report: {ReportWriter.Write(dir, labKey, identity.Signer, render)}");
            }

            return outcome.Verdict switch
            {
                Verdict.Error => ExitCodes.RigError,
                Verdict.Fail or Verdict.Inconclusive => ExitCodes.DeviceFailed,
                _ => ExitCodes.Ok,
            };
        });
        return command;
    }
}
