namespace Rig.Benchmarks.Sweep;

/// <summary>What one tool said it found in one run, how long it took, and whether that is the truth.</summary>
/// <param name="Claims">Every pair the tool reported as working (its own words, parsed).</param>
/// <param name="Seconds">Wall time; NaN when it did not finish.</param>
/// <param name="Detail">Said after the verdict, e.g. "nonce echoed, 61 tried"; or why it did not finish.</param>
internal sealed record SweepAnswer(IReadOnlyList<(string User, string Password)> Claims, double Seconds, string? Detail = null)
{
    public static SweepAnswer DidNotFinish(string why) => new([], double.NaN, why);

    public bool Finished => !double.IsNaN(Seconds);

    /// <summary>"found U:P", "WRONG: claimed U:P" (a wrong claim outweighs a right one), "none", or why it did not finish.</summary>
    public string Verdict((string User, string Password) truth)
    {
        if (!Finished)
        {
            return Detail ?? "did not finish";
        }

        var wrong = Claims.Where(c => c != truth).Select(SweepCase.Text).ToList();
        return wrong.Count > 0 ? $"WRONG: claimed {string.Join(", ", wrong)}"
            : Claims.Contains(truth) ? $"found {SweepCase.Text(truth)}"
            : "none";
    }

    /// <summary>The verdict with the detail beside it, e.g. "found tech:tech (nonce echoed, 61 tried)".</summary>
    public string Describe((string User, string Password) truth)
    {
        string verdict = Verdict(truth);
        return !Finished || Detail is null ? verdict : $"{verdict} ({Detail})";
    }
}
