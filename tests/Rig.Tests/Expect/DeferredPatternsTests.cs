using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Tests.Expect;

/// <summary>Death patterns are compiled when a scan first meets one of their signatures, and find what compiled ones find.</summary>
public class DeferredPatternsTests
{
    [Test]
    public void APatternIsCompiledOnlyWhenItsSignatureShowsUp()
    {
        DeferredRegex[] fresh = DeathPatterns.Builtin.Select(d => new DeferredRegex(d.Source, PatternCompiler.LinearOptions)).ToArray();
        var patterns = new DeferredPatterns(fresh);
        var signatures = new PatternSignatures(DeathPatterns.Builtin.Select(d => d.Signature).ToList());
        var buffer = new ExpectBuffer(window: 64 * 1024, lookback: 4096);

        buffer.Append(Encoding.ASCII.GetBytes("Starting kernel ...\r\n[    0.5] systemd[1]: Reached target basic.target\r\nlogin: "));
        Assert.That(buffer.Scan(patterns, signatures), Is.Null);
        Assert.That(fresh.Count(p => p.IsCompiled), Is.Zero, "no signature in the text: nothing compiled");

        buffer.Append(Encoding.ASCII.GetBytes("\r\nKernel panic - not syncing: Attempted to kill init!\r\n"));
        ExpectHit? hit = buffer.Scan(patterns, signatures);
        Assert.That(hit, Is.Not.Null);
        Assert.That(DeathPatterns.Builtin[hit!.PatternIndex].What, Is.EqualTo("kernel panic"));
        Assert.That(fresh.Where(p => p.IsCompiled).Select(p => p.Source), Is.EqualTo(new[] { DeathPatterns.Builtin[hit.PatternIndex].Source }),
            "only the pattern whose signature was in the text");
    }

    [Test]
    public void EveryBuiltinPatternIsLinearAndSoIsWhatItCompilesTo()
    {
        foreach (DeathPattern d in DeathPatterns.Builtin)
        {
            Assert.That(d.Linear, Is.True, d.Source);
            Assert.That(PatternCompiler.IsLinear(d.Pattern), Is.True, d.Source);
            Assert.That(d.Confirm is null || PatternCompiler.IsLinear(d.Confirm), Is.True, d.Source);
        }
    }

    [Test]
    public void TheReachIsTheWidestPatternsAsFromCompiledOnes()
    {
        var deferred = new DeferredPatterns(DeathPatterns.Builtin.Select(d => new DeferredRegex(d.Source, PatternCompiler.LinearOptions)).ToList());
        int?[] compiled = DeathPatterns.Builtin.Select(d => PatternReach.Of(new Regex(d.Source, PatternCompiler.LinearOptions))).ToArray();
        Assert.That(compiled, Has.None.Null);
        Assert.That(deferred.Reach, Is.EqualTo(compiled.Max()));
    }
}
