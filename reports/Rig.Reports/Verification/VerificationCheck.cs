namespace Rig.Reports.Verification;

/// <summary>The outcome of one verification check, e.g. "signature" or "key fingerprint".</summary>
/// <param name="Detail">One line saying what was compared and what was found.</param>
public sealed record VerificationCheck(string Name, bool Passed, string Detail);
