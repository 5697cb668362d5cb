using System.CommandLine;
using Rig.Reports.Verification;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig verify DIR --key PUB</c>: the report signature, the key fingerprint the report shows,
/// the attestation's envelope signature and statement, and every subject's digest; one line per
/// check, exit 0 only if all held.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check a signed report folder (report, signature, attestation and the files it lists) against the lab's public key (obtained out of band).");
        var report = new Argument<string>("report") { Description = "The report folder, or report.html in it" };
        var key = new Option<string>("--key") { Description = "The lab's public key (PEM)", Required = true };
        command.Arguments.Add(report);
        command.Options.Add(key);
        command.SetAction(parsed =>
        {
            IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(parsed.GetValue(report)!, parsed.GetValue(key)!);
            foreach (VerificationCheck c in checks)
            {
                Console.WriteLine($"{(c.Passed ? "ok  " : "FAIL")}  {c.Name}: {c.Detail}");
            }

            int failed = checks.Count(c => !c.Passed);
            Console.WriteLine(failed == 0 ? $"verified: all {checks.Count} checks held" : $"NOT verified: {failed} of {checks.Count} checks failed");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.DeviceFailed;
        });
        return command;
    }
}
