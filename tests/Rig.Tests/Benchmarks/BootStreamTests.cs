using System.Globalization;
using System.Text.RegularExpressions;
using Rig.Benchmarks.Harness;
using Rig.Engine.Plans;

namespace Rig.Tests.Benchmarks;

/// <summary>The realistic stream comes near every built-in death pattern, and no line of it is a death.</summary>
public class BootStreamTests
{
    private static readonly string[] Lines = BootStream.Healthy.Concat(BootStream.NearMisses)
        .Select(l => string.Format(CultureInfo.InvariantCulture, l, "   12.345678")).ToArray();

    [Test]
    public void EveryDeathPatternHasANearMissThatCarriesItsLiteral()
    {
        foreach (DeathPattern p in DeathPatterns.Builtin)
        {
            Assert.That(BootStream.NearMisses.Any(l => p.Signature!.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase))),
                $"no near-miss of {p.What}: {p.Source}");
        }
    }

    [Test]
    public void NoLineIsADeath()
    {
        string text = string.Join("\r\n", Lines) + "\r\n";
        foreach (DeathPattern p in DeathPatterns.Builtin)
        {
            // A pattern that is ambiguous alone (a watchdog message) is a death only with its confirmation: a new boot.
            Regex decides = p.Confirm ?? p.Pattern;
            Assert.That(decides.Match(text).Value, Is.Empty, $"{p.What}: {p.Source}");
        }
    }
}
