using System.CommandLine;
using Rig.Reports.Verification;

namespace Rig.Cli.Commands;

/// <summary><c>rig verify REPORT --key PUB</c>: one line per check, exit 0 only if all held.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check a signed report against the lab's public key (obtained out of band).");
        var report = new Argument<string>("report") { Description = "report.html or the folder holding it" };
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

            return checks.All(c => c.Passed) ? ExitCodes.Ok : ExitCodes.DeviceFailed;
        });
        return command;
    }
}
