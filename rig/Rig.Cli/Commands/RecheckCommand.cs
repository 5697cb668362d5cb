using System.CommandLine;
using Rig.Engine.Reporting;
using Rig.Reports.Certificates;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig recheck DIR --vulndb DB --key KEY [--out FILE] [--now DATE] [--revocations FILE]</c>:
/// a signed status for an issued certificate (see <see cref="CertificateRecheck"/>). Exit 0 when
/// valid, 1 for a warning, expired or revoked, 2 for bad input.
/// </summary>
internal static class RecheckCommand
{
    public static Command Create()
    {
        var command = new Command("recheck", "Re-match a certificate's signed SBOM against a newer vulnerability database and sign its status (valid, warning, expired, revoked).");
        var folder = new Argument<string>("result-dir") { Description = "The certificate's results folder (report, certificate, sbom.cdx.json)" };
        var vulndb = new Option<string>("--vulndb") { Description = "OSV records: a folder or a .zip", Required = true };
        var signing = new SigningOptions(required: true);
        var output = new Option<string?>("--out") { Description = "Where to write status.json (default: in the results folder); its label and envelope go beside it" };
        var now = new Option<string?>("--now") { Description = "The day the status is for, YYYY-MM-DD (default: today, UTC)" };
        var revocations = new Option<string?>("--revocations") { Description = "The lab's revocation list: lines of \"CERTIFICATE-ID YYYY-MM-DD reason\"" };
        command.Arguments.Add(folder);
        command.Options.Add(vulndb);
        signing.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(now);
        command.Options.Add(revocations);
        command.SetAction(parsed =>
        {
            DateOnly day = Day.Parse("--now", parsed.GetValue(now));
            string dir = parsed.GetValue(folder)!;
            IReadOnlyList<Revocation> revoked = parsed.GetValue(revocations) is { } list ? RevocationList.Read(list) : [];
            string statusPath = parsed.GetValue(output) ?? Path.Combine(dir, StatusJson.FileName);
            using LabKey key = signing.Load(parsed)!;
            RecheckStatus status = CertificateRecheck.Run(dir, parsed.GetValue(vulndb)!, key, day, revoked, statusPath);
            Console.WriteLine($"{status.Status.State}: {status.Status.Basis}");
            foreach (StatusFinding f in status.Findings)
            {
                Console.WriteLine($"  {f}: {f.Severity}, fixed in {f.Fixed}");
            }

            Console.WriteLine($"signed status written to {statusPath} (with {AttestedStatus.LabelName(Path.GetFileName(statusPath))} and {AttestedStatus.EnvelopeName(Path.GetFileName(statusPath))})");
            return status.Status.State == CertificateStatus.ValidState ? ExitCodes.Ok : ExitCodes.DeviceFailed;
        });
        return command;
    }
}
