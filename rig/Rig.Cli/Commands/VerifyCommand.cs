using System.CommandLine;
using Rig.Reports.Verification;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig verify DIR --key PUB</c>: the report signature, the key fingerprint the report shows,
/// the attestation's envelope signature and statement, and every subject's digest; one line per
/// check, exit 0 only if all held; then, for a certificate, its status on the day (the latest
/// recheck's, or as issued; expired past its last day).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check a signed report folder (report, signature, attestation and the files it lists) against the lab's public key (obtained out of band).");
        var report = new Argument<string>("report") { Description = "The report folder, or report.html in it" };
        var key = new Option<string>("--key") { Description = "The lab's public key (PEM)", Required = true };
        var now = new Option<string?>("--now") { Description = "The day to show a certificate's status for, YYYY-MM-DD (default: today, UTC)" };
        command.Arguments.Add(report);
        command.Options.Add(key);
        command.Options.Add(now);
        command.SetAction(parsed =>
        {
            DateOnly day = Day.Parse("--now", parsed.GetValue(now));
            string folder = parsed.GetValue(report)!;
            IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(folder, parsed.GetValue(key)!);
            foreach (VerificationCheck c in checks)
            {
                Console.WriteLine($"{(c.Passed ? "ok  " : "FAIL")}  {c.Name}: {c.Detail}");
            }

            int failed = checks.Count(c => !c.Passed);
            Console.WriteLine(failed == 0 ? $"verified: all {checks.Count} checks held" : $"NOT verified: {failed} of {checks.Count} checks failed");
            if (failed == 0 && StatusLine.At(Directory.Exists(folder) ? folder : Path.GetDirectoryName(Path.GetFullPath(folder))!, day) is { } status)
            {
                Console.WriteLine(status); // only what the checks vouched for
            }

            return failed == 0 ? ExitCodes.Ok : ExitCodes.DeviceFailed;
        });
        return command;
    }
}
