using System.Diagnostics;
using System.Security.Cryptography;
using Rig.Engine.Engine;
using Rig.Engine.Journal;
using Rig.Engine.Plans;
using Rig.Tests.Support;

namespace Rig.Tests.Engine;

public class PlanRunnerTests
{
    private const string Head = "plan: T-1\ntitle: engine test\n";

    [Test]
    public async Task ConsolePatternTakesTheTransitionAndItsCapturesFillTheReason()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: wait
            states:
              wait:
                on:
                  - console: 'uid=(?<uid>\d+)\((?<user>\w+)\)'
                    verdict: fail
                    because: 'shell as {{user}} ({{uid}}) on {{address}}'
                  - after: 10s
                    verdict: error
                    because: no answer
            """);
        Task device = bench.PrintLater("noise\r\n# id\r\nuid=0(root) gid=0(root)\r\n");
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(outcome.Reason, Is.EqualTo("shell as root (0) on 127.0.0.1"));
        Assert.That(outcome.Path, Is.EqualTo(new[] { "wait" }));
        Assert.That(outcome.RigFault, Is.False);
    }

    [Test]
    public async Task AfterFiresWhenNothingElseHappens()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    on:\n      - console: never\n        goto: a\n      - after: 400ms\n        verdict: inconclusive\n        because: quiet\n");
        var clock = Stopwatch.StartNew();
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(clock.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(350)); // timers may fire a few ms early
    }

    [Test]
    public async Task ActionResultLeadsToTheNextStateAndSentTextReachesTheDevice()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: type
            states:
              type:
                enter:
                  - send: "hello {{model}}\r"
                on:
                  - result: done
                    goto: settle
              settle:
                on:
                  - after: 100ms
                    verdict: pass
                    because: typed
            """);
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Path, Is.EqualTo(new[] { "type", "settle" }));
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(bench.Received("hello model\r".Length), Is.EqualTo("hello model\r"));
    }

    [Test]
    public async Task OutputFromBeforePowerOnIsNeverMatched()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + """
            initial: boot
            states:
              boot:
                enter:
                  - power: cycle
                on:
                  - console: 'login:'
                    verdict: pass
                    because: prompt after power-on
                  - after: 1500ms
                    verdict: fail
                    because: no prompt after power-on
            """);
        bench.Print("stale login: "); // printed while the device is still "off": back-powered or left over
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(bench.PowerLog, Is.EqualTo("off\non\n"));
        // The stale bytes are still in the raw log: nothing recorded is lost.
        Assert.That(File.ReadAllText(Path.Combine(bench.Dir, "console.raw")), Does.Contain("stale login:"));
    }

    [Test]
    public async Task OutputAfterPowerOnIsMatched()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + "initial: boot\nstates:\n  boot:\n    enter:\n      - power: cycle\n    on:\n      - console: 'login:'\n        verdict: pass\n        because: prompt\n      - after: 5s\n        verdict: fail\n        because: none\n");
        Task device = Task.Run(async () =>
        {
            while (!bench.PowerLog.Contains("on", StringComparison.Ordinal))
            {
                await Task.Delay(20);
            }

            bench.Print("vcam login: ");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public async Task AFailingRelayIsARigErrorNotADeviceFailure()
    {
        await using var bench = new PtyBench(offCommand: "echo relay stuck >&2; exit 3");
        Plan plan = bench.Plan(Head + "initial: boot\nstates:\n  boot:\n    enter:\n      - power: cycle\n    on:\n      - after: 5s\n        verdict: pass\n        because: never\n");
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(outcome.RigFault, Is.True);
        Assert.That(outcome.Reason, Does.Contain("relay stuck").And.Contain("boot"));
    }

    [Test]
    public async Task APlanThatOutlivesItsTimeoutEndsInError()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + "timeout: 500ms\ninitial: a\nstates:\n  a:\n    on:\n      - after: 30s\n        verdict: pass\n        because: never\n");
        PlanOutcome outcome = await bench.RunAsync(plan);
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(outcome.Reason, Does.Contain("did not finish within 500ms"));
    }

    [Test]
    public async Task APatternAtTheEndOfAFloodIsFoundAndEveryByteIsLogged()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    on:\n      - console: 'MARK-(?<n>\\d+)-END'\n        verdict: pass\n        because: 'mark {{n}}'\n      - after: 60s\n        verdict: fail\n        because: lost\n");
        byte[] noise = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = noise[i] == (byte)'M' ? (byte)'m' : noise[i]; // no accidental mark
        }

        Task device = Task.Run(async () =>
        {
            await Task.Delay(200);
            bench.Print(noise);
            bench.Print("MARK-42-END");
        });
        PlanOutcome outcome = await bench.RunAsync(plan);
        await device;
        Assert.That(outcome.Reason, Is.EqualTo("mark 42"));
        long expected = noise.Length + "MARK-42-END".Length;
        Assert.That(new FileInfo(Path.Combine(bench.Dir, "console.raw")).Length, Is.EqualTo(expected));
    }

    [Test]
    public async Task TheJournalRecordsStatesMatchesAndTheVerdict()
    {
        await using var bench = new PtyBench();
        Plan plan = bench.Plan(Head + "initial: a\nstates:\n  a:\n    on:\n      - console: 'ready'\n        goto: b\n  b:\n    on:\n      - after: 50ms\n        verdict: pass\n        because: ok\n");
        Task device = bench.PrintLater("ready\r\n");
        await bench.RunAsync(plan);
        await device;
        var events = JournalReader.ReadAll(bench.JournalPath, out bool truncated).Select(e => e.GetProperty("ev").GetString()).ToList();
        Assert.That(truncated, Is.False);
        Assert.That(events, Is.SupersetOf(new[] { "journal", "plan-start", "state", "console", "match", "verdict" }));
        Assert.That(events.IndexOf("match"), Is.LessThan(events.IndexOf("verdict")));
    }
}
