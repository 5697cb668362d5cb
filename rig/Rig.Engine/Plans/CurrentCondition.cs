using System.Globalization;
using System.Text.RegularExpressions;
using Rig.Engine.Config;

namespace Rig.Engine.Plans;

/// <summary>
/// What a <c>current:</c> event waits for: the slot's power meter reading below or above a value
/// for a while, e.g. <c>&lt; 5mA for 3s</c> (a bricked device draws nothing) or <c>&gt; 100mA for 1s</c>.
/// Without <c>for</c>, one reading is enough.
/// </summary>
public sealed partial record CurrentCondition(string Op, double Milliamps, TimeSpan For)
{
    /// <summary>The plan's need that a <c>current:</c> event brings: the slot must have a power meter.</summary>
    public const string Need = "power_meter";

    public bool Holds(double milliamps) => Op switch
    {
        "<" => milliamps < Milliamps,
        "<=" => milliamps <= Milliamps,
        ">" => milliamps > Milliamps,
        _ => milliamps >= Milliamps,
    };

    public static CurrentCondition Parse(string text, Func<string, Exception> error)
    {
        Match m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            throw error($"bad current condition '{text}': write e.g. '< 5mA for 3s' (<, <=, > or >=, a value in uA, mA or A, and optionally 'for DURATION')");
        }

        double value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * m.Groups[3].Value switch
        {
            "A" => 1000,
            "mA" => 1,
            _ => 0.001,
        };
        if (value > 100_000)
        {
            throw error($"current condition '{text}': {value / 1000} A is beyond any bench's meter");
        }

        TimeSpan duration = TimeSpan.Zero;
        if (m.Groups[4].Success && !Duration.TryParse(m.Groups[4].Value, out duration))
        {
            throw error($"current condition '{text}': bad duration '{m.Groups[4].Value}' (use e.g. 500ms, 3s, 1m)");
        }

        return new CurrentCondition(m.Groups[1].Value, value, duration);
    }

    public override string ToString() =>
        $"{Op} {Milliamps.ToString("0.###", CultureInfo.InvariantCulture)}mA{(For > TimeSpan.Zero ? " for " + Duration.Format(For) : string.Empty)}";

    [GeneratedRegex(@"^(<=|>=|<|>)\s*(\d{1,9}(?:\.\d{1,6})?)\s*(uA|µA|mA|A)(?:\s+for\s+(\S+))?$")]
    private static partial Regex Pattern();
}
