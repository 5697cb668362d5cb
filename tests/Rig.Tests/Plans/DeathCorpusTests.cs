using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Actions;
using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Tests.Plans;

/// <summary>
/// The built-in death patterns over real console logs (tests/corpus/consoles, each naming its
/// source): no death in a healthy log, the expected one in every failure. Each log is fed as a
/// run would see it: in reads of a few hundred bytes, a read ending where the device waited at a
/// prompt; the boot the rig asked for is expected (crash patterns only) until the first prompt
/// matches, then every pattern is armed, as the plan runner does when it leaves a boot state.
/// </summary>
public class DeathCorpusTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "corpus", "consoles");
    private static readonly Regex[] Prompts = [new(ConsolePrompts.Shell), new(ConsolePrompts.Login)];
    private static readonly Regex Waits = new(@"(?m)^[\x20-\x7E]{0,48}(?:login: ?|[Pp]assword: ?|[#$] )");

    [Test]
    public void EveryHealthyLogLivesAndEveryFailureDies()
    {
        List<CorpusLog> logs = Directory.EnumerateFiles(Dir, "*.log").Order(StringComparer.Ordinal).Select(CorpusLog.Read).ToList();
        var wrong = new List<string>();
        int lines = 0, falsePositives = 0, missed = 0;
        foreach (CorpusLog log in logs)
        {
            lines += log.Lines;
            foreach (int seed in new[] { 1, 2 })
            {
                string? died = Run(log, seed);
                if (died != log.Expect)
                {
                    wrong.Add($"{log.Name} (reads seeded {seed}): expected {log.Expect ?? "no death"}, got {died ?? "no death"}");
                    falsePositives += log.Expect is null ? 1 : 0;
                    missed += log.Expect is null ? 0 : 1;
                }
            }
        }

        TestContext.Out.WriteLine($"{logs.Count} logs ({logs.Count(l => l.Expect is null)} healthy, {logs.Count(l => l.Expect is not null)} failures), {lines} lines, {DeathPatterns.Builtin.Count} patterns: {falsePositives} false positives, {missed} missed");
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void TheCorpusCoversTheFamiliesAndEveryDeathKind()
    {
        List<CorpusLog> logs = Directory.EnumerateFiles(Dir, "*.log").Select(CorpusLog.Read).ToList();
        Assert.That(logs, Has.Count.GreaterThanOrEqualTo(25));
        Assert.That(logs.Where(l => l.Expect is null).Select(l => l.Name), Has.Some.Contains("systemd-watchdog"));
        string[] kinds = ["kernel panic", "kernel crash", "lockup", "hung task", "watchdog reset", "boot loop", "ESP panic", "Zephyr fatal error"];
        Assert.That(kinds.Where(k => !logs.Any(l => l.Expect == k)), Is.Empty, "a kind of death no log shows");
        Assert.That(logs.Where(l => !l.Source.StartsWith("https://", StringComparison.Ordinal)).Select(l => l.Name), Is.Empty, "logs without a public source");
    }

    [Test]
    public void TheOldWatchdogPatternFailedHealthyDevicesInThisCorpus()
    {
        // What the corpus is for: the pattern shipped before failed every systemd device with a hardware watchdog.
        var old = new Regex(@"(?i)watchdog[^\r\n]{0,40}\b(?:reset|expired|timeout)\b");
        List<CorpusLog> healthy = Directory.EnumerateFiles(Dir, "*.log").Select(CorpusLog.Read).Where(l => l.Expect is null).ToList();
        Assert.That(healthy.Where(l => old.IsMatch(Encoding.Latin1.GetString(l.Body))).Select(l => l.Name).ToList(), Has.Count.GreaterThanOrEqualTo(4));
    }

    /// <summary>Feeds one log; the kind of the first death ("kernel panic"), or null.</summary>
    private static string? Run(CorpusLog log, int seed)
    {
        var death = new ExpectBuffer(window: 64 * 1024, lookback: 4096);
        var expect = new ExpectBuffer(window: 64 * 1024, lookback: 4096);
        var scan = new DeathScan(DeathPatterns.Builtin);
        bool bootExpected = true;
        foreach (ReadOnlyMemory<byte> read in Reads(log.Body, seed))
        {
            death.Append(read.Span);
            expect.Append(read.Span);
            if (scan.Scan(death, bootExpected) is { } hit)
            {
                TestContext.Out.WriteLine($"{log.Name}: {hit.Pattern.What} at byte {hit.StreamOffset}: {hit.Text}");
                return hit.Pattern.What;
            }

            if (bootExpected && expect.Scan(Prompts) is not null)
            {
                bootExpected = false;
                death.Flush(); // the boot's banners were expected
            }
        }

        return null;
    }

    /// <summary>Reads of 1 to 512 bytes, one ending wherever the device waited at a prompt.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Reads(byte[] body, int seed)
    {
        var pauses = new SortedSet<int>(Waits.Matches(Encoding.Latin1.GetString(body)).Select(m => m.Index + m.Length));
        var random = new Random(seed);
        int at = 0;
        while (at < body.Length)
        {
            int end = Math.Min(body.Length, at + random.Next(1, 513));
            int pause = pauses.GetViewBetween(at + 1, end).FirstOrDefault();
            end = pause > 0 ? pause : end;
            yield return body.AsMemory(at, end - at);
            at = end;
        }
    }

    /// <summary>A corpus file: a header (source, license, kind, expect) above a line "---", then the console bytes.</summary>
    private sealed record CorpusLog(string Name, string Source, string? Expect, byte[] Body, int Lines)
    {
        public static CorpusLog Read(string path)
        {
            byte[] all = File.ReadAllBytes(path);
            int split = all.AsSpan().IndexOf("\n---\n"u8);
            Assert.That(split, Is.GreaterThan(0), $"{path}: no header");
            Dictionary<string, string> header = Encoding.UTF8.GetString(all, 0, split).Split('\n')
                .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
            byte[] body = all[(split + 5)..];
            string expect = header["expect"];
            Assert.That(header["kind"], Is.EqualTo(expect == "none" ? "healthy" : "failure"), $"{path}: kind and expect disagree");
            return new CorpusLog(Path.GetFileNameWithoutExtension(path), header["source"], expect == "none" ? null : expect, body, body.Count(b => b == (byte)'\n'));
        }
    }
}
