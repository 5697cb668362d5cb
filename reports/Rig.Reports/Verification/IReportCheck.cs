namespace Rig.Reports.Verification;

/// <summary>
/// One thing a verifier checks about a report. A check reports a bad report as failed; it
/// never throws for one.
/// </summary>
internal interface IReportCheck
{
    VerificationCheck Run(VerificationInputs inputs);
}
