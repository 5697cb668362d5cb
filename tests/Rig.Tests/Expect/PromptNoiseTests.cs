using System.Text.RegularExpressions;
using Rig.Engine.Actions;
using Rig.Engine.Config;
using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Tests.Expect;

/// <summary>
/// A device that prints binary (a firmware dump, a crashed UART at the wrong baud rate) must not
/// make the rig believe it sees a prompt: 100 MiB of random bytes through the expect engine, in
/// the engine's own slices, and no prompt pattern matches.
/// </summary>
public class PromptNoiseTests
{
    private const int Total = 100 * 1024 * 1024;
    private const int Slice = 32 * 1024; // what the run loop moves into the buffers between scans

    [Test]
    public void OneHundredMebibytesOfRandomBytesShowNoPrompt()
    {
        Regex[] prompts = [.. new[] { ConsolePrompts.Shell, ConsolePrompts.Login, ConsolePrompts.Password }.Select(Compile)];
        Regex[] before = [Compile(@"(?m)^[^\r\n#$]{0,48}[#$] $"), Compile(@"(?i)login:\s*$")];
        var now = new ExpectBuffer(window: 64 * 1024, lookback: 4096);
        var then = new ExpectBuffer(window: 64 * 1024, lookback: 4096);
        var random = new Random(20260);
        byte[] slice = new byte[Slice];
        int matches = 0, oldMatches = 0;
        long firstOld = -1;
        for (int fed = 0; fed < Total; fed += Slice)
        {
            random.NextBytes(slice);
            now.Append(slice);
            while (now.Scan(prompts) is { } hit)
            {
                matches++;
                TestContext.Out.WriteLine($"false prompt at {hit.StreamOffset}: {Regex.Escape(hit.Text)}");
            }

            if (oldMatches == 0)
            {
                then.Append(slice); // until the patterns before are shown to fail on this noise
                oldMatches += then.Scan(before) is null ? 0 : 1;
                firstOld = oldMatches > 0 ? fed : firstOld;
            }
        }

        TestContext.Out.WriteLine($"{Total >> 20} MiB of noise: {matches} prompt matches; the patterns before matched at byte {firstOld}");
        Assert.That(oldMatches, Is.GreaterThan(0), "the noise is not hostile enough to tell the patterns apart");
        Assert.That(matches, Is.Zero);
    }

    [Test]
    public void ThePlansSpellTheSamePrompts()
    {
        string fragment = File.ReadAllText(Path.Combine(TestPaths.TestPlans, "fragments", "boot-to-prompt.yaml"));
        Assert.That(fragment, Does.Contain($"'{ConsolePrompts.Shell}'").And.Contain($"'{ConsolePrompts.Login}'"));
        string uart = File.ReadAllText(TestPaths.Plan("UART-01"));
        Assert.That(uart, Does.Contain($"'{ConsolePrompts.Shell}'").And.Contain($"'{ConsolePrompts.Login}'").And.Contain($"'{ConsolePrompts.Password}'"));
    }

    private static Regex Compile(string pattern) => PatternCompiler.Compile(pattern, m => new InvalidOperationException(m));
}
