using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Tests.Expect;

/// <summary>Signatures only skip patterns that cannot match: scans with and without them find the same hits.</summary>
public class PatternSignaturesTests
{
    private static readonly string[] DeathLines =
    [
        "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(31,2)",
        "Unable to handle kernel NULL pointer dereference at virtual address 00000000",
        "[   12.345678] Oops: 0000 [#1] PREEMPT SMP",
        "Oops[#1]: unexpected trap",
        "WATCHDOG: hardware watchdog0 Expired, the board resets now",
        "softdog: Watchdog timer timeout",
        "U-Boot SPL 2020.01 (Jan 01 2020 - 00:00:00 +0000)",
        "U-Boot 2016.01 (test)",
        "[    3.100000] rebooting: Restarting system",
        "RESTARTING SYSTEM now",
        "Rebooting in 3 seconds..",
    ];

    [Test]
    public void EveryBuiltinDeathPatternHasASignatureThatItsMatchesContain()
    {
        foreach (DeathPattern d in DeathPatterns.Builtin)
        {
            Assert.That(d.Signature, Is.Not.Null.And.Not.Empty, d.Source);
            foreach (string line in DeathLines)
            {
                foreach (Match m in d.Pattern.Matches("\r\n" + line + "\r\n"))
                {
                    Assert.That(d.Signature!.Any(s => m.Value.Contains(s, StringComparison.OrdinalIgnoreCase)), Is.True,
                        $"'{m.Value}' matched {d.Source} without any of its signatures");
                }
            }
        }
    }

    [Test]
    public void ScansWithSignaturesFindExactlyWhatScansWithoutFind([Values(1, 2, 3, 4, 5)] int seed)
    {
        var random = new Random(seed);
        Regex[] patterns = DeathPatterns.Builtin.Select(d => d.Pattern).ToArray();
        var signatures = new PatternSignatures(DeathPatterns.Builtin.Select(d => d.Signature).ToList());
        var plain = new ExpectBuffer(window: 64 * 1024, lookback: 4096);
        var signed = new ExpectBuffer(window: 64 * 1024, lookback: 4096);
        byte[] stream = Stream(random);
        int hits = 0;
        for (int at = 0, round = 0; at < stream.Length; round++)
        {
            // Chunks of every size a console delivers, so planted lines straddle chunk boundaries.
            int size = Math.Min(stream.Length - at, random.Next(3) == 0 ? random.Next(1, 64) : random.Next(64, 5000));
            ReadOnlySpan<byte> chunk = stream.AsSpan(at, size);
            at += size;
            plain.Append(chunk);
            signed.Append(chunk);
            while (true)
            {
                ExpectHit? expected = plain.Scan(patterns);
                ExpectHit? actual = signed.Scan(patterns, signatures);
                Assert.That(actual?.PatternIndex, Is.EqualTo(expected?.PatternIndex), $"round {round}");
                Assert.That(actual?.StreamOffset, Is.EqualTo(expected?.StreamOffset), $"round {round}");
                Assert.That(actual?.Text, Is.EqualTo(expected?.Text), $"round {round}");
                if (expected is null)
                {
                    break;
                }

                hits++;
            }
        }

        Assert.That(hits, Is.GreaterThan(20), "the stream planted death lines, some split across chunks");
    }

    [Test]
    public void APatternWithoutASignatureIsAlwaysRun()
    {
        var buffer = new ExpectBuffer();
        buffer.Append(Encoding.Latin1.GetBytes("the prompt login: appears"));
        var signatures = new PatternSignatures([null, ["never-there"]]);
        ExpectHit? hit = buffer.Scan([new Regex("login: "), new Regex("appears")], signatures);
        Assert.That(hit?.PatternIndex, Is.EqualTo(0));
        Assert.That(buffer.Scan([new Regex("login: "), new Regex("appears")], signatures), Is.Null, "'appears' is skipped: its signature is absent");
    }

    /// <summary>Noise with line breaks and, every so often, a death line in a random letter case.</summary>
    private static byte[] Stream(Random random)
    {
        var text = new StringBuilder();
        for (int segment = 0; segment < 300; segment++)
        {
            int noise = random.Next(0, 3000);
            for (int i = 0; i < noise; i++)
            {
                int r = random.Next(100);
                text.Append(r < 3 ? '\n' : r < 5 ? '\r' : (char)random.Next(32, 127));
            }

            string line = DeathLines[random.Next(DeathLines.Length)];
            text.Append("\r\n").Append(random.Next(2) == 0 ? line : new string(line.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray())).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.ToString());
    }
}
