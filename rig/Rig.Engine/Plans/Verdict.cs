namespace Rig.Engine.Plans;

/// <summary>The outcome of a plan. Declared in order of precedence: combining verdicts keeps the highest.</summary>
/// <remarks>After OpenTAP's verdict lattice. Error means the rig failed, not the device.</remarks>
public enum Verdict
{
    NotApplicable,
    Pass,
    Inconclusive,
    Fail,
    Error,
}

public static class Verdicts
{
    public static string Text(this Verdict v) => v switch
    {
        Verdict.NotApplicable => "not-applicable",
        Verdict.Pass => "pass",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Fail => "fail",
        _ => "error",
    };

    public static bool TryParse(string text, out Verdict verdict)
    {
        foreach (Verdict v in Enum.GetValues<Verdict>())
        {
            if (v.Text() == text)
            {
                verdict = v;
                return true;
            }
        }

        verdict = default;
        return false;
    }

    public static Verdict Combine(IEnumerable<Verdict> verdicts) =>
        verdicts.DefaultIfEmpty(Verdict.NotApplicable).Max();
}
