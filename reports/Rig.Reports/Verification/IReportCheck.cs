namespace Rig.Reports.Verification;

/// <summary>
/// One thing a verifier checks about a report (one result, or one per subject). A check
/// reports a bad report as failed; it never throws for one.
/// </summary>
internal interface IReportCheck
{
    IEnumerable<VerificationCheck> Run(VerificationInputs inputs);
}
